using System;

namespace NetDsl.Catalog;

/// <summary>Where an op may be written (docs/architecture.md, "Children and functions").</summary>
[Flags]
public enum OpForms
{
    /// <summary>As a stage, <c>permute(1, 2, 0)</c>: a child of its scope, with an index or a label, as nn.Sequential's modules.</summary>
    Child = 1,

    /// <summary>As a method on a value, <c>x.permute(1, 0)</c> (or <c>|&gt; .permute(1, 0)</c>, <c>relu6(x + 3)</c>): no child, no index, as PyTorch's functions.</summary>
    Function = 2,

    Both = Child | Function,
}
