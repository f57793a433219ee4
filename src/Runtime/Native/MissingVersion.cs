using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>A version the library needs that the system's copy of the providing library (at <see cref="ProviderPath"/>) does not define.</summary>
internal sealed record MissingVersion(VersionNeedKey Key, string ProviderPath)
{
    public bool IsKnownHarmless => KnownHarmlessVersionNeeds.Contains(Key);

    public override string ToString() => $"{Key.Version} (needed from {Key.File}; {ProviderPath} does not define it)";
}
