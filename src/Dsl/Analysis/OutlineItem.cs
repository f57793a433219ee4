using System.Collections.Generic;

namespace NetDsl.Analysis;

/// <summary>A symbol of a file's outline with those declared inside it (a block's parameters, values and labels; a group's labels).</summary>
public sealed record OutlineItem(Symbol Symbol, IReadOnlyList<OutlineItem> Children);
