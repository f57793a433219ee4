namespace NetDsl;

/// <summary>
/// One argument a generated network was constructed with: the parameter's name and its value, a <c>long</c>, a
/// <c>double</c> or a <c>bool</c> (the declaration's <c>int</c>, <c>float</c> and <c>bool</c>).
/// </summary>
public sealed record DeclarationArgument(string Name, object Value)
{
    public DeclarationArgument(string name, long value) : this(name, (object)value) { }

    public DeclarationArgument(string name, double value) : this(name, (object)value) { }

    public DeclarationArgument(string name, bool value) : this(name, (object)value) { }
}
