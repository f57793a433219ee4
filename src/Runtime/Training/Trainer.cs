using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Trains a module: epochs of mini-batches (each step in its own dispose scope, so native memory stays flat),
/// validation after each epoch, metrics, callbacks, checkpoints that resume to the same result, and live progress.
/// <code>
/// var trainer = new Trainer(model, new TrainerOptions { Epochs = 5, Optimizer = Optimizers.Adam(1e-3), Seed = 1 });
/// TrainingHistory history = trainer.Fit(train, validation);
/// </code>
/// </summary>
public sealed class Trainer
{
    private readonly HashSet<string> _frozen = new(StringComparer.Ordinal);
    private optim.lr_scheduler.LRScheduler? _scheduler;
    /// <summary>How the model is called, and each of its outputs' loss, weight and metrics.</summary>
    private readonly TrainedOutputs _outputs;
    private readonly PrecisionPolicy _precision;
    /// <summary>The model's floating-point type: float inputs are converted to it (a model moved to float64 trains on float64 batches).</summary>
    private readonly ScalarType _inputType;

    /// <summary>
    /// Moves the model to the chosen device (CUDA when present, unless <see cref="TrainerOptions.Device"/> says otherwise)
    /// and makes the optimizer over all its parameters. The model is any module of one tensor in and out, or a NetDsl
    /// network with several outputs: each output is trained with its loss and weight (<see cref="TrainerOptions.OutputLosses"/>),
    /// and evaluation, the metrics' main values and <c>Predict</c> use the main one.
    /// </summary>
    /// <exception cref="ArgumentException">The loss does not fit what the model returns (the message says what to change), or the model returns no tensor to train on.</exception>
    /// <exception cref="NotSupportedException">Mixed precision was asked for where libtorch's autocast cannot be reached (Windows).</exception>
    public Trainer(nn.Module model, TrainerOptions? options = null)
    {
        TorchNative.EnsureLoaded();
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Options = options ?? new TrainerOptions();
        if (Options.Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"Epochs must be at least 1, not {Options.Epochs}");
        if (Options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be at least 1, not {Options.BatchSize}");
        if (Options.AccumulateGradients < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"AccumulateGradients must be at least 1 (batch), not {Options.AccumulateGradients}");
        _outputs = TrainedOutputs.Bind(Model, Options);
        Outputs = _outputs.Outputs;
        Output = Outputs[0];
        Device = Options.Device ?? Devices.Best();
        Model.to(Device);
        _precision = PrecisionPolicy.For(Options.MixedPrecision, Device);
        _inputType = Model.parameters().Select(p => p.dtype).FirstOrDefault(t => is_floating_point(t), ScalarType.Float32);
        Optimizer = Options.Optimizer(Model.parameters());
        if (Options.Frozen.Count > 0)
            Freeze(Options.Frozen.ToArray());
    }

    public nn.Module Model { get; }

    /// <summary>What the model's main output holds; the loss, the metrics and <c>Predict</c> read it.</summary>
    public ModelOutput Output { get; }

    /// <summary>Every output the model returns, the main one first (one for a model with a single output).</summary>
    public IReadOnlyList<ModelOutput> Outputs { get; }

    public TrainerOptions Options { get; }

    public Device Device { get; }

    public optim.Optimizer Optimizer { get; }

    /// <summary>The epochs trained so far (by this trainer, or restored from the checkpoint it resumed).</summary>
    public TrainingHistory History { get; private set; } = new();

    /// <summary>The prefixes frozen now (see <see cref="Freeze"/>).</summary>
    public IReadOnlyCollection<string> FrozenPrefixes => _frozen;

    /// <summary>
    /// Freezes the parameters under these state_dict path prefixes (see <see cref="Freezing"/>); batch-norm layers
    /// under them also stop updating their running statistics.
    /// </summary>
    public void Freeze(params string[] prefixes)
    {
        Model.Freeze(prefixes);
        _frozen.UnionWith(prefixes);
    }

    /// <summary>Makes the parameters under these prefixes trainable again.</summary>
    public void Unfreeze(params string[] prefixes)
    {
        Model.Unfreeze(prefixes);
        _frozen.ExceptWith(prefixes);
    }

    /// <summary>Trains on datasets, batched and shuffled as <see cref="Options"/> say.</summary>
    /// <param name="train">The training samples.</param>
    /// <param name="validation">Evaluated after every epoch (values recorded with the prefix <c>val_</c>).</param>
    /// <param name="resumeFrom">A checkpoint of an earlier fit of this model: continue after its epoch.</param>
    public TrainingHistory Fit(IDataset train, IDataset? validation = null, string? resumeFrom = null)
    {
        var trainLoader = new DataLoader(train, Options.BatchSize, Options.Shuffle, Options.Seed ?? 0, dropLast: false,
            Options.Prefetch, Options.TrainTransform, Options.TrainBatchTransform);
        var validationLoader = validation is null
            ? null
            : new DataLoader(validation, Options.BatchSize, shuffle: false, prefetch: Options.Prefetch, transform: Options.ValidationTransform);
        return Fit(trainLoader, validationLoader, resumeFrom);
    }

    /// <summary>Trains on loaders (each brings its batch size, order and transform).</summary>
    /// <param name="train">The training batches; its <see cref="DataLoader.Epoch"/> is set before each epoch.</param>
    /// <param name="validation">Evaluated after every epoch (values recorded with the prefix <c>val_</c>).</param>
    /// <param name="resumeFrom">A checkpoint of an earlier fit of this model: continue after its epoch.</param>
    public TrainingHistory Fit(DataLoader train, DataLoader? validation = null, string? resumeFrom = null)
    {
        var progress = Options.Progress ?? TrainingProgress.Auto();
        progress.Run(() => FitCore(train, validation, resumeFrom, progress));
        return History;
    }

    /// <summary>The loss and metrics of the model on a dataset (eval mode, no gradients).</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IDataset data, Func<Tensor, Tensor>? transform = null) =>
        Evaluate(new DataLoader(data, Options.BatchSize, prefetch: Options.Prefetch, transform: transform));

    /// <summary>The loss and metrics of the model on a loader's batches (eval mode, no gradients).</summary>
    public IReadOnlyDictionary<string, double> Evaluate(DataLoader data) => Evaluate(data, Options.Metrics);

    /// <summary>
    /// The confusion matrix of the model's predictions on a dataset (eval mode, no gradients), with the dataset's class
    /// names when it has them: per-class precision, recall and F1, a report (<c>ToString()</c>) and a PNG
    /// (<see cref="ConfusionMatrixPlot"/>).
    /// </summary>
    public ConfusionMatrix ConfusionMatrix(IDataset data, Func<Tensor, Tensor>? transform = null)
    {
        var collector = new ConfusionMatrixCollector(data.Classes);
        Evaluate(new DataLoader(data, Options.BatchSize, prefetch: Options.Prefetch, transform: transform), new IMetric[] { collector });
        return collector.Matrix ?? throw new InvalidOperationException("the data produced no batches");
    }

    private Dictionary<string, double> Evaluate(DataLoader data, IReadOnlyList<IMetric> metrics)
    {
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            foreach (var metric in metrics)
                metric.Reset();
            _outputs.Reset();
            double lossSum = 0;
            long samples = 0;
            using var noGrad = no_grad();
            foreach (var batch in data)
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    var (x, y) = ToModel(batch);
                    var (outputs, loss) = Forward(x, y, batch.Count);
                    lossSum += loss.to(float32).item<float>() * batch.Count;
                    samples += batch.Count;
                    var forMetrics = ForMetrics(outputs);
                    foreach (var metric in metrics)
                        metric.Update(forMetrics[0]!, y, Output.Kind);
                    _outputs.Update(forMetrics, y);
                }
            }
            var result = new Dictionary<string, double> { ["loss"] = lossSum / samples };
            foreach (var metric in metrics)
                result[metric.Name] = metric.Compute();
            _outputs.Record(result);
            return result;
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// Writes a checkpoint: model state, optimizer state, torch's RNG state, the epochs done (with their history) and
    /// the frozen prefixes. Atomic: a reader sees the old file or the new one, never a mix.
    /// </summary>
    public void SaveCheckpoint(string path)
    {
        var meta = new JsonObject
        {
            ["format"] = "netdsl-checkpoint",
            ["epoch"] = History.Last?.Epoch ?? 0,
            ["model"] = Model.GetType().FullName,
            ["optimizer"] = Optimizer.GetType().FullName,
            ["seed"] = Options.Seed,
            ["frozen"] = new JsonArray(_frozen.Order(StringComparer.Ordinal).Select(f => (JsonNode)f).ToArray()),
            ["savedUtc"] = DateTime.UtcNow,
            ["history"] = JsonNode.Parse(History.ToJson()),
        };
        var sections = new List<(string, byte[])>
        {
            (Checkpoint.MetaSection, Encoding.UTF8.GetBytes(meta.ToJsonString())),
            (Checkpoint.ModelSection, Checkpoint.WriteState(Model)),
            (Checkpoint.RngSection, RngState()),
        };
        if (Optimizer is TorchSharp.Modules.OptimizerHelper helper)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                helper.save_state_dict(writer);
            sections.Add((Checkpoint.OptimizerSection, stream.ToArray()));
        }
        CheckpointFile.Write(path, sections);
    }

    /// <summary>Writes the model's weights in TorchSharp's format (loadable with <c>model.load(path)</c>), atomically.</summary>
    public void SaveModel(string path)
    {
        using var stream = new MemoryStream();
        Model.save(stream);
        // Module.save closes the stream; ToArray still works on a closed MemoryStream.
        AtomicFileWriter.Write(path, stream.ToArray());
    }

    private void FitCore(DataLoader train, DataLoader? validation, string? resumeFrom, ITrainingProgress progress)
    {
        if (Options.Seed is { } seed)
            Determinism.Seed(seed);
        var epochs = Options.Epochs;
        var context = new TrainingContext(this, epochs, progress);
        History = new TrainingHistory();
        _scheduler = Options.LearningRateSchedule?.Invoke(Optimizer);
        foreach (var callback in Options.Callbacks)
            callback.OnFitStart(context);

        var start = 1;
        if (resumeFrom is not null)
        {
            var info = Resume(resumeFrom, train.BatchesPerEpoch);
            start = info.Epoch + 1;
            progress.Message(start > epochs
                ? $"{resumeFrom} already holds {info.Epoch} epochs; nothing left of {epochs}"
                : $"resumed from {resumeFrom} after epoch {info.Epoch}");
        }

        var metrics = Options.Metrics;
        for (var epoch = start; epoch <= epochs; epoch++)
        {
            foreach (var callback in Options.Callbacks)
                callback.OnEpochStart(context, epoch);
            var learningRate = Optimizer.ParamGroups.First().LearningRate;
            var values = TrainEpoch(train, epoch, epochs, progress, context);
            if (validation is not null)
            {
                foreach (var (name, value) in Evaluate(validation))
                    values["val_" + name] = value;
            }
            values["lr"] = learningRate;
            var record = new EpochRecord(epoch, values);
            History.Add(record);
            if (_scheduler is not null && Options.ScheduleStep == ScheduleStep.Epoch)
                StepScheduler(record);
            NativeHeap.Collect();
            progress.EpochCompleted(record, epochs);
            foreach (var callback in Options.Callbacks)
                callback.OnEpochEnd(context, record);
            if (context.StopRequested)
            {
                progress.Message(context.StopReason!);
                break;
            }
        }
        foreach (var callback in Options.Callbacks)
            callback.OnFitEnd(context);
    }

    private Dictionary<string, double> TrainEpoch(DataLoader train, int epoch, int epochs, ITrainingProgress progress, TrainingContext context)
    {
        var metrics = Options.Metrics;
        var callbacks = Options.Callbacks;
        foreach (var metric in metrics)
            metric.Reset();
        _outputs.Reset();
        SetTrainingMode();
        train.Epoch = epoch;
        var steps = train.BatchesPerEpoch;
        var accumulate = Options.AccumulateGradients;
        progress.EpochStarted(epoch, epochs, steps);
        var trainable = Model.parameters().Where(p => p.requires_grad).ToArray();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long samples = 0, step = 0;
        foreach (var batch in train)
        {
            foreach (var callback in callbacks)
                callback.OnBatchStart(context, epoch, step + 1);
            float lossValue;
            bool stepped;
            var count = batch.Count;
            using (var scope = NewDisposeScope())
            using (batch)
            {
                var (x, y) = ToModel(batch);
                if (step % accumulate == 0)
                    Optimizer.zero_grad();
                var (outputs, loss) = Forward(x, y, count);
                // Accumulated batches weigh by their share of the group's samples: the summed gradient is the big batch's.
                var weighted = accumulate == 1 ? loss : loss * ((double)count / GroupSamples(train, step));
                (_precision.Scaler?.ScaleLoss(weighted) ?? weighted).backward();
                stepped = (step + 1) % accumulate == 0 || step + 1 == steps;
                if (stepped)
                    stepped = OptimizerStep(trainable);
                lossValue = loss.to(float32).item<float>();
                if (!float.IsFinite(lossValue))
                    throw new InvalidOperationException(
                        $"the loss became {lossValue} in epoch {epoch}, step {step + 1}; lower the learning rate, clip gradients (ClipGradientNorm) or check the data");
                using (no_grad())
                {
                    var detached = ForMetrics(outputs.Select(o => o?.detach()).ToArray());
                    foreach (var metric in metrics)
                        metric.Update(detached[0]!, y, Output.Kind);
                    _outputs.Update(detached, y);
                }
                lossSum += lossValue * count;
                samples += count;
            }
            step++;
            if (_scheduler is not null && Options.ScheduleStep == ScheduleStep.Batch && (step % accumulate == 0 || step == steps))
                _scheduler.step();
            var seconds = clock.Elapsed.TotalSeconds;
            var rate = samples / Math.Max(seconds, 1e-9);
            var remainingSteps = (steps - step) + (long)(epochs - epoch) * steps;
            var remaining = TimeSpan.FromSeconds(Math.Min(remainingSteps * seconds / step, TimeSpan.MaxValue.TotalSeconds / 2));
            progress.StepCompleted(new StepProgress(epoch, epochs, step, steps, lossSum / samples,
                metrics.Count > 0 ? metrics[0].Name : null, metrics.Count > 0 ? metrics[0].Compute() : double.NaN, rate, remaining));
            if (callbacks.Count > 0)
            {
                var record = new BatchRecord(epoch, step, steps, lossValue, count, stepped);
                foreach (var callback in callbacks)
                    callback.OnBatchEnd(context, record);
                if (context.StopRequested)
                    break;
            }
        }
        if (samples == 0)
            throw new InvalidOperationException("the training data produced no batches");
        var elapsed = clock.Elapsed.TotalSeconds;
        var values = new Dictionary<string, double> { ["loss"] = lossSum / samples };
        foreach (var metric in metrics)
            values[metric.Name] = metric.Compute();
        _outputs.Record(values);
        values["seconds"] = elapsed;
        values["samples_per_second"] = samples / Math.Max(elapsed, 1e-9);
        return values;
    }

    /// <summary>The model's outputs and the weighted loss over them, under autocast when training in mixed precision.</summary>
    private (IReadOnlyList<Tensor?> Outputs, Tensor Loss) Forward(Tensor inputs, Tensor targets, long count)
    {
        using var autocast = _precision.Enter();
        var outputs = _outputs.Call(inputs);
        return (outputs, _outputs.Loss(outputs, targets, count));
    }

    /// <summary>Clips and steps; false when a float16 step was skipped because its gradients overflowed.</summary>
    private bool OptimizerStep(TorchSharp.Modules.Parameter[] trainable)
    {
        var finite = _precision.Scaler?.Unscale(trainable) ?? true;
        if (finite)
        {
            if (Options.ClipGradientValue is { } clipValue)
                nn.utils.clip_grad_value_(trainable, clipValue);
            if (Options.ClipGradientNorm is { } clipNorm)
                nn.utils.clip_grad_norm_(trainable, clipNorm);
            Optimizer.step();
        }
        _precision.Scaler?.Update(finite);
        return finite;
    }

    // Metrics keep plain numbers and may read values: a 16-bit output of autocast reaches them as float32.
    private static Tensor?[] ForMetrics(IReadOnlyList<Tensor?> outputs) =>
        outputs.Select(o => o is not null && o.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? o.to(float32) : o).ToArray();

    /// <summary>The samples of the accumulation group that batch <paramref name="step"/> (0-based) belongs to.</summary>
    private long GroupSamples(DataLoader train, long step)
    {
        var accumulate = Options.AccumulateGradients;
        var steps = train.BatchesPerEpoch;
        var first = step / accumulate * accumulate;
        var last = Math.Min(first + accumulate, steps) - 1;
        var lastBatch = train.SamplesPerEpoch - (steps - 1) * train.BatchSize;
        return (last - first) * train.BatchSize + (last == steps - 1 ? lastBatch : train.BatchSize);
    }

    /// <summary>Optimizer steps per epoch: one per group of <see cref="TrainerOptions.AccumulateGradients"/> batches.</summary>
    private long OptimizerStepsPerEpoch(long batches) => (batches + Options.AccumulateGradients - 1) / Options.AccumulateGradients;

    /// <summary>A batch on the model's device; float inputs in the model's floating-point type.</summary>
    private (Tensor Inputs, Tensor Targets) ToModel(Batch batch)
    {
        var inputs = batch.Inputs.is_floating_point() && batch.Inputs.dtype != _inputType
            ? batch.Inputs.to(_inputType, Device)
            : batch.Inputs.to(Device);
        return (inputs, batch.Targets.to(Device));
    }

    // train() everywhere, except batch-norm layers under a frozen prefix: their running statistics stay fixed.
    private void SetTrainingMode()
    {
        Model.train();
        if (_frozen.Count == 0)
            return;
        foreach (var (name, module) in Model.named_modules())
        {
            if (TracksRunningStatistics(module) && _frozen.Any(f => Freezing.Matches(name, f)))
                module.eval();
        }
    }

    // A batch norm is known by its own running_mean buffer, not its type: TorchSharp's BatchNorm1d/2d/3d and the
    // generated support layers (bn(scale: false), which has no weight) alike.
    private static bool TracksRunningStatistics(nn.Module module) =>
        module.named_buffers(recurse: false).Any(b => b.name == "running_mean");

    private void StepScheduler(EpochRecord record)
    {
        if (Options.ScheduleMonitor is { } monitor)
            _scheduler!.step(new Monitor(monitor, MonitorMode.Auto, 0).Value(record));
        else
            _scheduler!.step();
    }

    // Everything in the checkpoint is checked first (the description and epochs, the model's keys, dtypes and shapes,
    // the optimizer's type and a trial load of its state, the RNG state's size, the frozen prefixes, the values a
    // monitored schedule replays), and only then is anything changed: a failed resume leaves the trainer as it was.
    private CheckpointInfo Resume(string path, long batchesPerEpoch)
    {
        var sections = CheckpointFile.Read(path);
        var info = Checkpoint.Info(path, sections);
        if (info.ModelType != Model.GetType().FullName)
            throw new CheckpointException(path, $"was written for {info.ModelType}, not {Model.GetType().FullName}");
        var state = CheckpointState.Parse(Checkpoint.Section(path, sections, Checkpoint.ModelSection), path);
        state.CheckFits(Model);
        var optimizerState = sections.TryGetValue(Checkpoint.OptimizerSection, out var optimizerSection) ? optimizerSection : null;
        if (optimizerState is not null)
        {
            if (Optimizer is not TorchSharp.Modules.OptimizerHelper || info.OptimizerType != Optimizer.GetType().FullName)
                throw new CheckpointException(path, $"holds the state of a {(string.IsNullOrEmpty(info.OptimizerType) ? "nameless optimizer" : info.OptimizerType)}, " +
                                                    $"but this trainer uses {Optimizer.GetType().FullName}");
            TryOptimizerState(path, optimizerState);
        }
        var rng = Checkpoint.Section(path, sections, Checkpoint.RngSection);
        if (CpuGeneratorState.Problem(rng) is { } rngProblem)
            throw new CheckpointException(path, $"has an RNG state that {rngProblem}");
        var parameterNames = Model.named_parameters().Select(p => p.name).ToArray();
        foreach (var prefix in info.Frozen)
        {
            if (!parameterNames.Any(name => Freezing.Matches(name, prefix)))
                throw new CheckpointException(path, $"freezes '{prefix}', which no parameter of this model is or starts with");
        }
        if (_scheduler is not null && Options.ScheduleStep == ScheduleStep.Epoch && Options.ScheduleMonitor is { } monitored)
        {
            var monitor = new Monitor(monitored, MonitorMode.Auto, 0);
            foreach (var record in info.History.Epochs)
            {
                if (!record.TryGet(monitor.Name, out _))
                    throw new CheckpointException(path, $"has no '{monitor.Name}' in epoch {record.Epoch}, which the learning-rate schedule needs to replay");
            }
        }

        state.CopyInto(Model);
        // Replay the scheduler to where it stood (its step count and internal state), then let the optimizer state
        // set the exact learning rates.
        if (_scheduler is not null)
        {
            foreach (var record in info.History.Epochs)
            {
                if (Options.ScheduleStep == ScheduleStep.Batch)
                {
                    for (long i = 0, n = OptimizerStepsPerEpoch(batchesPerEpoch); i < n; i++)
                        _scheduler.step();
                }
                else
                {
                    StepScheduler(record);
                }
            }
        }
        if (optimizerState is not null)
            LoadOptimizerState((TorchSharp.Modules.OptimizerHelper)Optimizer, optimizerState);
        SetRngState(rng);

        foreach (var prefix in _frozen.ToArray())
            Unfreeze(prefix);
        if (info.Frozen.Count > 0)
            Freeze(info.Frozen.ToArray());
        History = info.History;
        return info;
    }

    // Loads the state into a scratch optimizer of the same kind over copies of the parameters: whatever the state
    // holds (wrong shapes, a truncated stream, bytes libtorch rejects) fails there, not in the trainer's optimizer.
    private void TryOptimizerState(string path, byte[] optimizerState)
    {
        using var scope = NewDisposeScope();
        var copies = Model.parameters().Select(p => new TorchSharp.Modules.Parameter(p.detach().clone(), p.requires_grad)).ToArray();
        using var made = Options.Optimizer(copies);
        if (made is not TorchSharp.Modules.OptimizerHelper scratch || scratch.GetType() != Optimizer.GetType())
            throw new CheckpointException(path, "has optimizer state that could not be checked: the optimizer factory made another kind of optimizer");
        try
        {
            LoadOptimizerState(scratch, optimizerState);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointException(path, $"has optimizer state that does not fit this optimizer: {e.Message}", e);
        }
    }

    private static void LoadOptimizerState(TorchSharp.Modules.OptimizerHelper optimizer, byte[] optimizerState)
    {
        using var reader = new BinaryReader(new MemoryStream(optimizerState, writable: false), Encoding.UTF8);
        optimizer.load_state_dict(reader);
    }

    private static byte[] RngState()
    {
        using var state = get_rng_state();
        return state.data<byte>().ToArray();
    }

    private static void SetRngState(byte[] bytes)
    {
        using var state = tensor(bytes, ScalarType.Byte);
        set_rng_state(state);
    }
}
