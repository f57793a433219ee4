namespace NetDsl.Catalog;

// Eval-time batch-norm folding (FuseForInference): which ops take part and the modules they are built as then.
public abstract partial class OpDefinition
{
    /// <summary>Whether a batch norm that alone reads this op's output can be folded into its weight and bias for inference (conv, depthwise).</summary>
    public virtual bool TakesFoldedBatchNorm => false;

    /// <summary>Whether this op is a batch norm that can be folded into the op before it (one that <see cref="TakesFoldedBatchNorm"/>).</summary>
    public virtual bool FoldsIntoPrevious => false;

    /// <summary>The module of an op that <see cref="TakesFoldedBatchNorm"/>, built where a batch norm follows it: the same keys and initialisation as <see cref="EmitModule"/>.</summary>
    public virtual string EmitFoldingModule(OpCode code) => throw new System.NotSupportedException($"op '{Name}' takes no folded batch norm");

    /// <summary>The module of a batch norm that <see cref="FoldsIntoPrevious"/> into the module held by <paramref name="into"/> (a C# expression).</summary>
    public virtual string EmitFoldedModule(OpCode code, string into) => throw new System.NotSupportedException($"op '{Name}' does not fold");
}
