using System.Collections.Generic;

namespace NetDsl.Analysis;

/// <summary>The edits of a rename, or why it cannot be done (then <see cref="Edits"/> is empty).</summary>
public sealed record RenameResult(IReadOnlyList<RenameEdit> Edits, string? Error);
