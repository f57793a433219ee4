using System;
using System.Buffers.Binary;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Checks bytes meant for <c>torch.set_rng_state</c> before libtorch sees them: libtorch checks them too, but with a
/// TORCH_CHECK that TorchSharp does not catch there, so a wrong state ends the process (SIGABRT) instead of throwing.
/// The layout is aten/src/ATen/CPUGeneratorImpl.cpp's <c>CPUGeneratorImplState</c>: the legacy part (int64 initial
/// seed, int32 left, int32 seeded, uint64 next, 624 uint64 Mersenne Twister words, normal-sample fields), then a float
/// and a bool; libtorch accepts it when its size is that of the current state and the twister's position is valid
/// (1 ≤ left ≤ 624 and next ≤ 624, CPUGeneratorImpl::set_state and at::mt19937::is_valid).
/// </summary>
internal static class CpuGeneratorState
{
    private const int MersenneStateWords = 624;
    private const int LeftOffset = 8;
    private const int NextOffset = 16;

    /// <summary>What libtorch would reject in <paramref name="state"/>, or null when it is accepted.</summary>
    public static string? Problem(byte[] state)
    {
        long expected;
        using (var current = torch.get_rng_state())
            expected = current.numel();
        if (state.Length != expected)
            return $"is {state.Length:N0} bytes, but this libtorch's generator state is {expected:N0} bytes (a checkpoint of another " +
                   "libtorch build, or damaged)";
        var left = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(LeftOffset));
        var next = (uint)BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(NextOffset));
        if (left is < 1 or > MersenneStateWords || next > MersenneStateWords)
            return $"is not a valid Mersenne Twister state (position left {left}, next {next}; both at most {MersenneStateWords})";
        return null;
    }
}
