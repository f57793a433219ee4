using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// A loss: model output and target in, a scalar out. Any TorchSharp loss module fits as its <c>forward</c> method
/// (<c>nn.HuberLoss().forward</c>); <see cref="Losses"/> has the usual ones.
/// </summary>
public delegate torch.Tensor LossFunction(torch.Tensor output, torch.Tensor target);
