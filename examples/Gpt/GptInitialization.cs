using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Examples.Gpt;

/// <summary>
/// GPT-2's initialisation as nanoGPT applies it (model.py, <c>_init_weights</c>): every linear and embedding weight
/// from N(0, 0.02), biases 0, and the projections back into the residual stream (<c>c_proj</c>) from
/// N(0, 0.02 / sqrt(2 * layers)). TorchSharp's defaults (N(0, 1) embeddings, which the tied output layer shares) start
/// with logits so large that the first hundreds of steps only undo them.
/// </summary>
public static class GptInitialization
{
    public static void Apply(nn.Module model, int layers)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
                parameter.zero_();
            else if (name.EndsWith("c_proj.weight", StringComparison.Ordinal))
                nn.init.normal_(parameter, 0, 0.02 / Math.Sqrt(2.0 * layers));
            else if (parameter.dim() == 2)
                nn.init.normal_(parameter, 0, 0.02);
            // Layer norms keep weight 1 and bias 0 (their biases end in .bias above).
        }
    }
}
