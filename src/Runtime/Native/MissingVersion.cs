using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>
/// A version the library needs that the system's copy of the providing library (at <see cref="ProviderPath"/>) does
/// not define. <see cref="VersionIndex"/> is the need's vna_other, the value its symbols carry in .gnu.version.
/// </summary>
internal sealed record MissingVersion(VersionNeedKey Key, string ProviderPath, ushort VersionIndex)
{
    public bool IsKnownHarmless => KnownHarmlessVersionNeeds.Contains(Key);

    public override string ToString() => $"{Key.Version} (needed from {Key.File}; {ProviderPath} does not define it)";
}
