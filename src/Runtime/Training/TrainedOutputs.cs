using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Outputs;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The outputs a trainer trains: each with its loss (bound to what it holds), its weight in the total and, for the
/// outputs after the main one, its own metrics; plus each output's loss summed over an epoch. A model with one output is
/// one entry of weight 1, recorded as before (<c>loss</c> and the metrics' names); the trainer measures the main output
/// with its metrics itself.
/// </summary>
internal sealed class TrainedOutputs
{
    private readonly Func<Tensor, IReadOnlyList<Tensor?>> _call;
    private readonly Head[] _heads;

    private sealed class Head
    {
        public Head(ModelOutput output, LossFunction loss, double weight, IReadOnlyList<IMetric> metrics)
        {
            Output = output;
            Loss = loss;
            Weight = weight;
            Metrics = metrics;
        }

        public ModelOutput Output { get; }

        public LossFunction Loss { get; }

        public double Weight { get; }

        /// <summary>The metrics of an output after the main one (the main one's are the trainer's).</summary>
        public IReadOnlyList<IMetric> Metrics { get; }

        public double LossSum { get; set; }

        public long Samples { get; set; }
    }

    private TrainedOutputs(Func<Tensor, IReadOnlyList<Tensor?>> call, Head[] heads)
    {
        _call = call;
        _heads = heads;
    }

    /// <summary>The outputs of <paramref name="model"/> with the losses and weights <paramref name="options"/> give them.</summary>
    /// <exception cref="ArgumentException">A loss does not fit its output, or <see cref="TrainerOptions.OutputLosses"/> names no output or a bad weight.</exception>
    public static TrainedOutputs Bind(nn.Module model, TrainerOptions options)
    {
        var call = ModelCalls.For(model);
        var outputs = ModelOutput.All(model);
        var names = outputs.Select(o => o.Name).ToList();
        foreach (var (name, setting) in options.OutputLosses)
        {
            if (!names.Contains(name))
                throw new ArgumentException($"TrainerOptions.OutputLosses names '{name}', which {model.GetType().Name} does not return; its outputs are {string.Join(", ", names)}", nameof(options));
            if (setting is null || !double.IsFinite(setting.Weight) || setting.Weight < 0)
                throw new ArgumentException($"TrainerOptions.OutputLosses gives output '{name}' the weight {setting?.Weight}; a weight is a finite number, 0 or more", nameof(options));
        }
        var loss = options.Loss ?? throw new ArgumentException("TrainerOptions.Loss is null; leave it out for cross-entropy", nameof(options));
        var heads = outputs.Select((output, i) =>
        {
            options.OutputLosses.TryGetValue(output.Name, out var setting);
            var metrics = i == 0 ? Array.Empty<IMetric>() : options.Metrics.Select(m => m.NewInstance()).OfType<IMetric>().ToArray();
            return new Head(output, (setting?.Loss ?? loss).Bind(output), setting?.Weight ?? 1.0, metrics);
        }).ToArray();
        return new TrainedOutputs(call, heads);
    }

    /// <summary>Every output, the main one first.</summary>
    public IReadOnlyList<ModelOutput> Outputs => _heads.Select(h => h.Output).ToArray();

    /// <summary>Runs the model on a batch: its outputs in order (null: one that exists only while training, in evaluation).</summary>
    public IReadOnlyList<Tensor?> Call(Tensor input) => _call(input);

    /// <summary>
    /// The batch's loss: each present output's loss times its weight, summed (a model with one output of weight 1: its loss
    /// as it is). Each output's own loss is added to the epoch's sums for <see cref="Record"/>.
    /// </summary>
    public Tensor Loss(IReadOnlyList<Tensor?> outputs, Tensor target, long count)
    {
        if (_heads.Length == 1 && _heads[0].Weight == 1.0) return _heads[0].Loss(outputs[0] ?? throw MissingOutput(_heads[0]), target);
        Tensor? total = null;
        for (var i = 0; i < _heads.Length; i++)
        {
            var head = _heads[i];
            if (outputs[i] is not { } output)
            {
                if (head.Output.WhileTraining) continue;
                throw MissingOutput(head);
            }
            var loss = head.Loss(output, target);
            head.LossSum += loss.detach().to(float32).item<float>() * count;
            head.Samples += count;
            if (head.Weight == 0) continue;
            var weighted = head.Weight == 1.0 ? loss : loss * head.Weight;
            total = total is null ? weighted : total + weighted;
        }
        return total ?? throw new InvalidOperationException(
            $"no output of {_heads[0].Output.Model} has a weight above 0 in TrainerOptions.OutputLosses, so there is nothing to train on");
    }

    private static InvalidOperationException MissingOutput(Head head) =>
        new($"{head.Output.Model} returned null for its output '{head.Output.Name}', which exists always");

    /// <summary>Clears the epoch's sums and the other outputs' metrics.</summary>
    public void Reset()
    {
        foreach (var head in _heads)
        {
            head.LossSum = 0;
            head.Samples = 0;
            foreach (var metric in head.Metrics) metric.Reset();
        }
    }

    /// <summary>Measures the outputs after the main one with their metrics (outputs detached; absent ones skipped).</summary>
    public void Update(IReadOnlyList<Tensor?> outputs, Tensor target)
    {
        for (var i = 1; i < _heads.Length; i++)
        {
            if (outputs[i] is not { } output) continue;
            foreach (var metric in _heads[i].Metrics) metric.Update(output, target, _heads[i].Output.Kind);
        }
    }

    /// <summary>
    /// Adds the values of a model with several outputs: each present output's own loss (<c>{name}_loss</c>) and the
    /// metrics of the outputs after the main one (<c>{name}_{metric}</c>). Nothing for a model with one output.
    /// </summary>
    public void Record(IDictionary<string, double> values)
    {
        if (_heads.Length == 1) return;
        foreach (var head in _heads)
        {
            if (head.Samples == 0) continue;
            values[head.Output.Name + "_loss"] = head.LossSum / head.Samples;
            foreach (var metric in head.Metrics) values[head.Output.Name + "_" + metric.Name] = metric.Compute();
        }
    }
}
