using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class LayerNormOp
{
    /// <summary>nn.LayerNorm over the last axes; without bias a helper (nn.LayerNorm's bias=False needs PyTorch 2.1).</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var shape = PyTorchCall.Tuple(Normalised(call.Args, call.Input));
        var eps = PyTorchCall.Float(call.Args.Float("eps"));
        return call.Args.Bool("bias") ? new($"nn.LayerNorm({shape}, eps={eps})") : new($"{call.Use("LayerNormWithoutBias")}({shape}, eps={eps})");
    }
}
