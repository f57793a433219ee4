using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// A transform of a whole batch, inputs and targets together (mixup, cutmix: <see cref="BatchTransforms"/>), applied
/// after the per-input transform. It returns new tensors or the ones it was given.
/// </summary>
public delegate (torch.Tensor Inputs, torch.Tensor Targets) BatchTransform(torch.Tensor inputs, torch.Tensor targets);
