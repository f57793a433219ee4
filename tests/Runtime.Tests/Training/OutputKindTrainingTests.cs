using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>
/// A network that ends in sigmoid or softmax trains, evaluates and predicts as its twin without the activation does
/// (the loss, the metrics and Predict read the kind the generator recorded); combinations that cannot work are refused
/// when the trainer is made.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class OutputKindTrainingTests
{
    /// <summary>Yes/no labels: whether a fixed direction's projection of 8 Gaussian features is positive.</summary>
    private static TensorDataset Binary(int count, int seed)
    {
        TorchNative.EnsureLoaded();
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { count, 8 }, generator: generator);
        var direction = linspace(-1, 1, 8);
        var y = ((x * direction).sum(1) > 0).to(float32);
        return new TensorDataset(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    private static TrainerOptions Options(Loss loss) => new()
    {
        Epochs = 4, BatchSize = 16, Seed = 5, Loss = loss, Optimizer = Optimizers.Adam(0.01), Device = CPU,
        Progress = TrainingProgress.Silent,
    };

    /// <summary>The twin's weights copied into the network, so both start from the same point.</summary>
    private static T Twin<T>(T network, nn.Module source) where T : nn.Module
    {
        network.load_state_dict(source.state_dict());
        return network;
    }

    [Fact]
    public void The_recipe_head_with_and_without_its_sigmoid_reaches_the_same_accuracy()
    {
        using var train = Binary(256, seed: 1);
        using var validation = Binary(128, seed: 2);
        Determinism.Seed(3);
        var logits = new LogitHead();
        var sigmoid = Twin(new SigmoidHead(), logits);
        Assert.Equal(OutputKind.IndependentProbabilities, sigmoid.Outputs.Single().Kind);

        var withLogits = new Trainer(logits, Options(Losses.BinaryCrossEntropy())).Fit(train, validation);
        var withSigmoid = new Trainer(sigmoid, Options(Losses.BinaryCrossEntropy())).Fit(train, validation);

        Assert.True(withLogits.Last!["val_accuracy"] > 0.85, $"logit head reached {withLogits.Last!["val_accuracy"]}");
        Assert.Equal(withLogits.Series("val_accuracy"), withSigmoid.Series("val_accuracy"));
        Assert.Equal(withLogits.Series("accuracy"), withSigmoid.Series("accuracy"));
        foreach (var (a, b) in withLogits.Series("val_loss").Zip(withSigmoid.Series("val_loss")))
            Assert.Equal(a, b, 3);

        using var batch = validation.GetBatch(Enumerable.Range(0, 128).Select(i => (long)i).ToArray());
        var inputs = batch.Inputs;
        var fromLogits = logits.Predict(inputs);
        var fromSigmoid = sigmoid.Predict(inputs);
        Assert.Equal(fromLogits.Classes, fromSigmoid.Classes);
        Assert.Contains(0L, fromSigmoid.Classes);
        Assert.Contains(1L, fromSigmoid.Classes);
        for (var i = 0; i < fromLogits.Count; i++)
            Assert.Equal(fromLogits.Probabilities[i][1], fromSigmoid.Probabilities[i][1], 3);
        Assert.Equal(OutputKind.IndependentProbabilities, fromSigmoid.Kind);
        Assert.All(fromSigmoid.Outputs, o => Assert.InRange(o.Single(), 0f, 1f));
    }

    public static TheoryData<string> Classifiers => new() { "softmax", "log_softmax" };

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void A_classifier_ending_in_softmax_or_log_softmax_trains_as_its_logit_twin(string ending)
    {
        using var train = Blobs(60, seed: 1);
        using var validation = Blobs(30, seed: 2);
        Determinism.Seed(3);
        var logits = new LogitClassifier();
        nn.Module<Tensor, Tensor> other = ending == "softmax" ? Twin(new SoftmaxClassifier(), logits) : Twin(new LogSoftmaxClassifier(), logits);

        var expected = new Trainer(logits, Options(Losses.CrossEntropy(labelSmoothing: 0.05))).Fit(train, validation);
        var actual = new Trainer(other, Options(Losses.CrossEntropy(labelSmoothing: 0.05))).Fit(train, validation);

        Assert.True(expected.Last!["val_accuracy"] > 0.9, $"logit classifier reached {expected.Last!["val_accuracy"]}");
        Assert.Equal(expected.Series("val_accuracy"), actual.Series("val_accuracy"));
        foreach (var (a, b) in expected.Series("loss").Zip(actual.Series("loss")))
            Assert.Equal(a, b, 4);

        using var batch = validation.GetBatch(Enumerable.Range(0, 90).Select(i => (long)i).ToArray());
        var fromLogits = logits.Predict(batch.Inputs);
        var fromOther = other.Predict(batch.Inputs);
        Assert.Equal(fromLogits.Classes, fromOther.Classes);
        for (var i = 0; i < fromLogits.Count; i++)
            Assert.Equal(fromLogits.Probabilities[i], fromOther.Probabilities[i], new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Cross_entropy_on_sigmoid_probabilities_is_refused_with_what_to_change()
    {
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new SigmoidHead(), Options(Losses.CrossEntropy())));

        Assert.Equal("SigmoidHead ends in sigmoid (independent probabilities), which Losses.CrossEntropy() cannot train on; use Losses.BinaryCrossEntropy() for one or several yes/no labels, or end the network in softmax (or in no activation) to pick one class out of several", error.Message);
    }

    [Fact]
    public void Binary_cross_entropy_on_softmax_and_contradicting_withLogits_are_refused()
    {
        var softmax = Assert.Throws<ArgumentException>(() => new Trainer(new SoftmaxClassifier(), Options(Losses.BinaryCrossEntropy())));
        Assert.StartsWith("SoftmaxClassifier ends in softmax (class probabilities), which Losses.BinaryCrossEntropy() cannot train on; use Losses.CrossEntropy()", softmax.Message);

        var logits = Assert.Throws<ArgumentException>(() => new Trainer(new LogitHead(), Options(Losses.BinaryCrossEntropy(withLogits: false))));
        Assert.Contains("LogitHead ends in raw scores (logits)", logits.Message);
        Assert.Contains("leave out withLogits: false", logits.Message);

        var probabilities = Assert.Throws<ArgumentException>(() => new Trainer(new SigmoidHead(), Options(Losses.BinaryCrossEntropy(withLogits: true))));
        Assert.Contains("leave out withLogits: true", probabilities.Message);
    }

    [Fact]
    public void Mean_squared_error_and_custom_losses_take_any_output_as_it_is()
    {
        _ = new Trainer(new SoftmaxClassifier(), Options(Losses.MeanSquaredError()));
        var seen = new List<float>();
        LossFunction custom = (output, target) =>
        {
            seen.Add(output.min().item<float>());
            return output.mean();
        };
        using var train = Binary(16, seed: 1);
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = 16, Loss = custom, Metrics = Array.Empty<IMetric>(), Device = CPU, Progress = TrainingProgress.Silent,
        };
        new Trainer(new SigmoidHead(), options).Fit(train);
        Assert.NotEmpty(seen);
        Assert.All(seen, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_module_that_is_not_a_network_keeps_being_read_as_logits()
    {
        TorchNative.EnsureLoaded();
        var plain = nn.Sequential(("0", nn.Linear(8, 1)));
        Assert.Equal(new ModelOutput(OutputKind.Logits, false, "Sequential"), ModelOutput.Of(plain));
        _ = new Trainer(plain, Options(Losses.BinaryCrossEntropy()));
        _ = new Trainer(nn.Sequential(("0", nn.Linear(8, 1)), ("1", nn.Sigmoid())), Options(Losses.BinaryCrossEntropy(withLogits: false)));
    }

    [Fact]
    public void A_condition_of_the_network_decides_each_instance_kind()
    {
        TorchNative.EnsureLoaded();
        Assert.Equal(OutputKind.IndependentProbabilities, new OptionalSigmoid().Outputs.Single().Kind);
        Assert.Equal(OutputKind.Logits, new OptionalSigmoid(probabilities: false).Outputs.Single().Kind);
        Assert.Equal(new NetworkOutput("output", OutputKind.Logits, new Shape(1)), new OptionalSigmoid(probabilities: false).Outputs.Single());
    }

    [Fact]
    public void Accuracy_thresholds_sigmoid_probabilities_at_one_half_and_logits_at_zero()
    {
        TorchNative.EnsureLoaded();
        using var probabilities = tensor(new float[] { 0.3f, 0.7f, 0.6f, 0.1f });
        using var logits = tensor(new float[] { -0.5f, 0.8f, 0.4f, -2f });
        using var target = tensor(new float[] { 0, 1, 0, 0 });
        var accuracy = new Accuracy();
        accuracy.Update(probabilities, target, OutputKind.IndependentProbabilities);
        Assert.Equal(0.75, accuracy.Compute());
        accuracy.Reset();
        accuracy.Update(logits, target, OutputKind.Logits);
        Assert.Equal(0.75, accuracy.Compute());
    }

    [Fact]
    public void A_metric_written_for_logits_gets_logits_from_a_sigmoid_network()
    {
        TorchNative.EnsureLoaded();
        var metric = new SignCount();
        using var probabilities = tensor(new float[] { 0.2f, 0.9f, 0.6f });
        ((IMetric)metric).Update(probabilities, probabilities, OutputKind.IndependentProbabilities);
        Assert.Equal(2, metric.Compute());
    }

    /// <summary>A metric of the old contract: it counts positive logits.</summary>
    private sealed class SignCount : IMetric
    {
        private long _positive;

        public string Name => "positive";

        public bool HigherIsBetter => true;

        public void Reset() => _positive = 0;

        public void Update(Tensor output, Tensor target) => _positive += (output > 0).sum().item<long>();

        public double Compute() => _positive;
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        private readonly float _tolerance;

        public FloatTolerance(float tolerance) => _tolerance = tolerance;

        public bool Equals(float x, float y) => Math.Abs(x - y) <= _tolerance;

        public int GetHashCode(float value) => 0;
    }
}
