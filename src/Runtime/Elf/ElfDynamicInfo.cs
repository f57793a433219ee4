using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>What the dynamic section says about linking: the DT_NEEDED libraries, the soname, and where DT_VERNEED points.</summary>
internal sealed record ElfDynamicInfo(IReadOnlyList<string> Needed, string? Soname, ulong? VersionNeedsAddress);
