using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>Shortcuts for TorchSharp's optimizers, with PyTorch's defaults.</summary>
public static class Optimizers
{
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum and L2 weight decay.</summary>
    public static OptimizerFactory Sgd(double lr, double momentum = 0, bool nesterov = false, double weightDecay = 0) =>
        p => torch.optim.SGD(p, lr, momentum: momentum, nesterov: nesterov, weight_decay: weightDecay);

    public static OptimizerFactory Adam(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double weightDecay = 0) =>
        p => torch.optim.Adam(p, lr: lr, beta1: beta1, beta2: beta2, weight_decay: weightDecay);

    /// <summary>Adam with decoupled weight decay.</summary>
    public static OptimizerFactory AdamW(double lr = 1e-3, double weightDecay = 0.01, double beta1 = 0.9, double beta2 = 0.999) =>
        p => torch.optim.AdamW(p, lr: lr, beta1: beta1, beta2: beta2, weight_decay: weightDecay);

    /// <summary>
    /// RMSprop: <paramref name="alpha"/> is the decay of the squared-gradient average, <paramref name="eps"/> is added to
    /// its square root (PyTorch's form; TensorFlow adds it under the root). Inception v3's recipe: decay 0.9, ε 1.0,
    /// that is <c>RmsProp(0.045, alpha: 0.9, eps: 1.0)</c>.
    /// </summary>
    public static OptimizerFactory RmsProp(double lr = 0.01, double alpha = 0.99, double momentum = 0, double weightDecay = 0, double eps = 1e-8) =>
        p => torch.optim.RMSProp(p, lr: lr, alpha: alpha, eps: eps, momentum: momentum, weight_decay: weightDecay);
}
