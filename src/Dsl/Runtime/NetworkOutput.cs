namespace NetDsl;

/// <summary>One output of a network: its name, what it holds and the shape of one sample of it (batch excluded).</summary>
public sealed record NetworkOutput(string Name, OutputKind Kind, Shape Shape)
{
    /// <summary>
    /// The output exists only while the network trains (<c>aux: a if training</c>, as torchvision's auxiliary classifiers):
    /// in evaluation the network neither computes nor returns it (null in its record of outputs).
    /// </summary>
    public bool WhileTraining { get; init; }
}
