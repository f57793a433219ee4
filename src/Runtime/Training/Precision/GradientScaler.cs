using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Dynamic loss scaling for float16 training, as PyTorch's <c>GradScaler</c> does it (TorchSharp has none): the loss
/// is multiplied by <see cref="Scale"/> before backward so small gradients survive float16; before the optimizer
/// step the gradients are divided back, and a step whose gradients overflowed is skipped and the scale halved. After
/// <see cref="GrowthInterval"/> steps without overflow the scale doubles. Defaults are PyTorch's.
/// </summary>
internal sealed class GradientScaler
{
    public GradientScaler(double initialScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        Scale = initialScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
    }

    public double Scale { get; private set; }

    public double GrowthFactor { get; }

    public double BackoffFactor { get; }

    public int GrowthInterval { get; }

    /// <summary>Optimizer steps skipped because their gradients overflowed.</summary>
    public long SkippedSteps { get; private set; }

    private int _goodSteps;

    public Tensor ScaleLoss(Tensor loss) => loss * Scale;

    /// <summary>Divides the gradients by the scale; true when every one is finite (the step may be taken).</summary>
    public bool Unscale(IReadOnlyList<Tensor> parameters)
    {
        using var scope = NewDisposeScope();
        var gradients = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToArray();
        if (gradients.Length == 0)
            return true;
        var inverse = 1.0 / Scale;
        foreach (var gradient in gradients)
            gradient.mul_(inverse);
        return stack(gradients.Select(g => g.isfinite().all()).ToArray()).all().item<bool>();
    }

    /// <summary>After each optimizer step (taken or skipped): back off on overflow, grow after a run of good steps.</summary>
    public void Update(bool finite)
    {
        if (!finite)
        {
            Scale *= BackoffFactor;
            _goodSteps = 0;
            SkippedSteps++;
            return;
        }
        if (++_goodSteps >= GrowthInterval)
        {
            Scale *= GrowthFactor;
            _goodSteps = 0;
        }
    }
}
