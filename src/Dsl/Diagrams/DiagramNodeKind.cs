namespace NetDsl.Diagrams;

/// <summary>What a box of a diagram stands for; the writers draw each kind in its own style.</summary>
public enum DiagramNodeKind
{
    /// <summary>An input of the network or block.</summary>
    Input,

    /// <summary>An op applied as a child (<c>conv(64, 3)</c>), or a chain of its copies.</summary>
    Layer,

    /// <summary>A block call (or a chain of its copies): a box that expands into the block's own diagram.</summary>
    Block,

    /// <summary>An op applied as a function (<c>.flatten(1)</c>, <c>x[0]</c>) or arithmetic with a number (<c>x * 0.17</c>).</summary>
    Function,

    /// <summary>A merge of several values: <c>add</c>, <c>concat</c>, <c>mul</c>.</summary>
    Merge,

    /// <summary>A learned tensor declared by a binding (<c>class_token = parameter(...)</c>).</summary>
    Tensor,

    /// <summary>What the network or block returns.</summary>
    Output,
}
