using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>One Verneed record: the library (by DT_NEEDED name) and the versions this file needs from it.</summary>
internal sealed record ElfVersionNeed(string File, IReadOnlyList<ElfVersionNeedEntry> Entries);
