using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>Device choice.</summary>
public static class Devices
{
    /// <summary>The first CUDA device when TorchSharp has a CUDA backend and a GPU is present, else the CPU.</summary>
    public static torch.Device Best()
    {
        TorchNative.EnsureLoaded();
        return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
    }

    public static torch.Device Cpu
    {
        get
        {
            TorchNative.EnsureLoaded();
            return torch.CPU;
        }
    }
}
