namespace NetDsl.Runtime.Training;

/// <summary>
/// Whether the trainer runs the forward pass and the loss under libtorch's autocast: matrix products and
/// convolutions in a 16-bit type, weights, gradients and the optimizer in the model's own type. docs/training.md
/// has what it gains and costs on a CPU.
/// </summary>
public enum MixedPrecision
{
    /// <summary>Everything in the model's type.</summary>
    Off,

    /// <summary>bfloat16 on the CPU, float16 (with loss scaling) on CUDA: what each device is usually fastest with.</summary>
    Auto,

    /// <summary>bfloat16: float32's range, so no loss scaling is needed.</summary>
    BFloat16,

    /// <summary>float16: small gradients would underflow, so the loss is scaled (<see cref="GradientScaler"/>'s dynamic scale).</summary>
    Float16,
}
