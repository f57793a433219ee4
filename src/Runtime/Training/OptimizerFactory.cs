using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Makes the optimizer for a model's parameters: any TorchSharp optimizer, e.g.
/// <c>p =&gt; torch.optim.Adam(p, lr: 1e-3)</c>; <see cref="Optimizers"/> has shortcuts. The trainer passes every
/// parameter, frozen or not (frozen ones have no gradient and are skipped), so unfreezing needs no new optimizer.
/// </summary>
public delegate torch.optim.Optimizer OptimizerFactory(IEnumerable<Parameter> parameters);
