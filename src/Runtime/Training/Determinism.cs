using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>Reproducibility.</summary>
public static class Determinism
{
    /// <summary>
    /// Seeds torch's CPU generator (and CUDA's, when present). Call it before building a model to fix its initial
    /// weights; <see cref="TrainerOptions.Seed"/> seeds the fit itself.
    /// </summary>
    public static void Seed(long seed)
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(seed).Dispose();
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }
}
