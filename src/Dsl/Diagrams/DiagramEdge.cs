namespace NetDsl.Diagrams;

/// <summary>A value flowing from one box to another; <see cref="Input"/> is which input of the target it is (0 for the first).</summary>
public sealed record DiagramEdge(string From, string To, int Input = 0);
