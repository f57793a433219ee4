namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>A global the unpickler allowed (<c>module.name</c>); only the ones <see cref="PickleReader"/> lists exist.</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";
}
