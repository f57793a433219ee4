using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// A region that runs under libtorch's autocast for one device type, as PyTorch's <c>torch.autocast</c> does:
/// entering saves the thread's autocast state and switches it on with the given type; leaving restores it, and the
/// outermost region also drops autocast's cache of lower-precision weight copies (they would go stale when the
/// optimizer changes the weights).
/// </summary>
public sealed class Autocast : IDisposable
{
    private readonly sbyte _device;
    private readonly bool _wasEnabled;
    private readonly sbyte _previousType;
    private bool _disposed;

    /// <param name="device">The device type whose ops are cast (CPU or CUDA).</param>
    /// <param name="type">bfloat16 or float16.</param>
    /// <exception cref="NotSupportedException">This libtorch's autocast cannot be reached (the message says why).</exception>
    public Autocast(DeviceType device, torch.ScalarType type)
    {
        if (type is not (torch.ScalarType.BFloat16 or torch.ScalarType.Float16))
            throw new ArgumentException($"autocast computes in bfloat16 or float16, not {type}", nameof(type));
        _device = (sbyte)device;
        _wasEnabled = AutocastNative.IsAutocastEnabled(_device);
        _previousType = AutocastNative.GetAutocastDtype(_device);
        AutocastNative.SetAutocastEnabled(_device, true);
        AutocastNative.SetAutocastDtype(_device, (sbyte)type);
        AutocastNative.IncrementNesting();
    }

    /// <summary>Why autocast cannot be used in this process (e.g. on Windows), or null when it can.</summary>
    public static string? Unavailable => AutocastNative.Unavailable;

    /// <summary>True when autocast is on for <paramref name="device"/> on this thread.</summary>
    public static bool IsEnabled(DeviceType device) => AutocastNative.IsAutocastEnabled((sbyte)device);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (AutocastNative.DecrementNesting() == 0)
            AutocastNative.ClearCache();
        AutocastNative.SetAutocastEnabled(_device, _wasEnabled);
        AutocastNative.SetAutocastDtype(_device, _previousType);
    }
}
