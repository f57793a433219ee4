using System;
using System.Collections.Generic;
using NetDsl.Runtime.Reporting;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>How <see cref="Trainer"/> trains. Only <see cref="Epochs"/> has no usable default for real work.</summary>
public sealed class TrainerOptions
{
    /// <summary>The total number of epochs; a resumed fit runs the ones its checkpoint has not done yet.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per batch when <c>Fit</c> is given datasets (a <c>DataLoader</c> brings its own).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Shuffle the training data each epoch (given datasets).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Batches built ahead on a background thread (given datasets).</summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>Applied to the training inputs of each batch (augmentation, normalisation); given datasets.</summary>
    public Func<torch.Tensor, torch.Tensor>? TrainTransform { get; init; }

    /// <summary>
    /// Applied to each whole training batch after <see cref="TrainTransform"/>: <c>BatchTransforms.Mixup</c>,
    /// <c>BatchTransforms.CutMix</c>; given datasets.
    /// </summary>
    public NetDsl.Runtime.Data.BatchTransform? TrainBatchTransform { get; init; }

    /// <summary>Applied to the validation inputs of each batch (normalisation); given datasets.</summary>
    public Func<torch.Tensor, torch.Tensor>? ValidationTransform { get; init; }

    /// <summary>Makes the optimizer; default Adam (lr 1e-3).</summary>
    public OptimizerFactory Optimizer { get; init; } = Optimizers.Adam();

    /// <summary>
    /// The loss; default cross-entropy. Built-in losses fit themselves to what the model returns (raw scores, softmax or
    /// sigmoid probabilities); a <see cref="LossFunction"/> of your own gets the output as it is.
    /// </summary>
    public Loss Loss { get; init; } = Losses.CrossEntropy();

    /// <summary>
    /// For a network with several outputs (<see cref="INetwork.Outputs"/>), by output name: its weight in the total loss
    /// and, optionally, its own loss. An output not listed trains with <see cref="Loss"/> and weight 1 (as Keras' default).
    /// The history records the weighted total as <c>loss</c>, each output's own as <c>{name}_loss</c>.
    /// </summary>
    public IReadOnlyDictionary<string, OutputLoss> OutputLosses { get; init; } = new Dictionary<string, OutputLoss>();

    /// <summary>
    /// Measured on training and validation data every epoch (the first one is shown live), on the main output; on each
    /// other output of a network with several outputs too, as <c>{name}_{metric}</c>, for metrics that make a fresh
    /// instance of themselves (<see cref="IMetric.NewInstance"/>; the built-in ones do).
    /// </summary>
    public IReadOnlyList<IMetric> Metrics { get; init; } = new IMetric[] { new Accuracy() };

    /// <summary>Where to train; default <see cref="Devices.Best"/>: the first CUDA device when one is usable, else the CPU.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>
    /// Seeds torch's generator at the start of <c>Fit</c> and fixes the shuffling order, so two fits from the same
    /// weights give the same result. Call <see cref="Determinism.Seed"/> before building the model to fix its initial
    /// weights too.
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>Rescale gradients whose global L2 norm exceeds this (clip_grad_norm_).</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Clamp every gradient element to ±this (clip_grad_value_).</summary>
    public double? ClipGradientValue { get; init; }

    /// <summary>
    /// Batches whose gradients add up before each optimizer step: the step is that of one batch of this many times
    /// <see cref="BatchSize"/> samples (each batch's loss is weighted by its share of the group's samples), with the
    /// memory of one batch. Clipping applies to the summed gradients; a per-batch schedule steps with the optimizer.
    /// Batch norm still sees the small batches.
    /// </summary>
    public int AccumulateGradients { get; init; } = 1;

    /// <summary>
    /// Runs the forward pass and the loss under libtorch's autocast (matrix products and convolutions in 16 bits;
    /// weights and optimizer in the model's type): <see cref="Training.MixedPrecision.Auto"/> is bfloat16 on the CPU,
    /// float16 with loss scaling on CUDA. Off by default: docs/training.md has what it gains and costs.
    /// </summary>
    public MixedPrecision MixedPrecision { get; init; } = MixedPrecision.Off;

    /// <summary>
    /// A TorchSharp scheduler over the trainer's optimizer, e.g. <c>o =&gt; torch.optim.lr_scheduler.StepLR(o, 5)</c>.
    /// </summary>
    public Func<torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler>? LearningRateSchedule { get; init; }

    /// <summary>When the scheduler steps (default after every epoch).</summary>
    public ScheduleStep ScheduleStep { get; init; } = ScheduleStep.Epoch;

    /// <summary>
    /// For ReduceLROnPlateau: the recorded value passed to each epoch's <c>step(value)</c>, e.g. <c>"val_loss"</c>.
    /// </summary>
    public string? ScheduleMonitor { get; init; }

    /// <summary>State-dict path prefixes frozen from the start (e.g. <c>"features"</c>); see <see cref="UnfreezeAt"/>.</summary>
    public IReadOnlyList<string> Frozen { get; init; } = Array.Empty<string>();

    public IReadOnlyList<TrainingCallback> Callbacks { get; init; } = Array.Empty<TrainingCallback>();

    /// <summary>How progress is shown; default <see cref="TrainingProgress.Auto"/>.</summary>
    public ITrainingProgress? Progress { get; init; }
}
