using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>What <see cref="MixedPrecision"/> means on the trainer's device: the autocast type (none when off) and the loss scaler (float16 only).</summary>
internal sealed class PrecisionPolicy
{
    private readonly DeviceType _device;

    private PrecisionPolicy(DeviceType device, torch.ScalarType? type)
    {
        _device = device;
        Type = type;
        Scaler = type == torch.ScalarType.Float16 ? new GradientScaler() : null;
    }

    /// <summary>The type autocast computes in, or null for full precision.</summary>
    public torch.ScalarType? Type { get; }

    public GradientScaler? Scaler { get; }

    /// <exception cref="NotSupportedException">Mixed precision was asked for, but libtorch's autocast cannot be reached here.</exception>
    public static PrecisionPolicy For(MixedPrecision mode, torch.Device device)
    {
        torch.ScalarType? type = mode switch
        {
            MixedPrecision.Off => null,
            MixedPrecision.BFloat16 => torch.ScalarType.BFloat16,
            MixedPrecision.Float16 => torch.ScalarType.Float16,
            MixedPrecision.Auto => device.type == DeviceType.CUDA ? torch.ScalarType.Float16 : torch.ScalarType.BFloat16,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        if (type is not null && Autocast.Unavailable is { } reason)
            throw new NotSupportedException($"TrainerOptions.MixedPrecision = {mode} cannot be used: {reason}");
        return new PrecisionPolicy(device.type, type);
    }

    /// <summary>An autocast region for the forward pass and the loss, or null when training in full precision.</summary>
    public Autocast? Enter() => Type is { } type ? new Autocast(_device, type) : null;
}
