namespace NetDsl.Catalog;

// PyTorch emission: each op writes its own Python beside its catalog entry (Ops/<Op>.PyTorch.cs).
public abstract partial class OpDefinition
{
    /// <summary>
    /// The op as PyTorch code for one application's concrete arguments and shapes, or null when the op has no PyTorch
    /// emission (the exporter then reports the layer by path, never writes a guess).
    /// </summary>
    public virtual PyTorchLayer? EmitPyTorch(PyTorchCall call) => null;
}
