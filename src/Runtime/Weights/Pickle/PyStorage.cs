using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>
/// A storage named by a persistent id <c>('storage', torch.FloatStorage, key, location, numel)</c>; its bytes are
/// the archive record <c>data/key</c>.
/// </summary>
internal sealed record PyStorage(ScalarType DType, string Key, string Location, long Numel);
