using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>
/// Tests that depend on torch's global random generator (initial weights, dropout, augmentation) run alone, after
/// the parallel ones, so no other test draws from the generator in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRngCollection
{
    public const string Name = "torch RNG (sequential)";
}

/// <summary>Small problems and models that train in a fraction of a second.</summary>
internal static class TrainingFixtures
{
    /// <summary>
    /// Three Gaussian blobs in 2-D (centres on a circle of radius 3, σ 0.6), <paramref name="perClass"/> points each:
    /// nearly separable, so a small MLP reaches ~99% accuracy.
    /// </summary>
    public static TensorDataset Blobs(int perClass, int seed)
    {
        TorchNative.EnsureLoaded();
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var points = new Tensor[3];
        for (var c = 0; c < 3; c++)
        {
            var angle = 2 * Math.PI * c / 3;
            var centre = tensor(new[] { (float)(3 * Math.Cos(angle)), (float)(3 * Math.Sin(angle)) });
            points[c] = randn(new long[] { perClass, 2 }, generator: generator) * 0.6f + centre;
        }
        var inputs = cat(points, 0);
        var labels = cat(Enumerable.Range(0, 3).Select(c => full(perClass, c, int64)).ToArray(), 0);
        return new TensorDataset(inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), new[] { "a", "b", "c" });
    }

    /// <summary>
    /// children <c>features</c> (linear, batch norm, relu, dropout) and <c>classifier</c> (linear): state_dict keys
    /// <c>features.0.weight</c>, <c>features.1.running_mean</c>, <c>classifier.weight</c>, ...
    /// </summary>
    public static nn.Module<Tensor, Tensor> Mlp(long seed, int hidden = 16, double dropout = 0.2)
    {
        Determinism.Seed(seed);
        return nn.Sequential(
            ("features", nn.Sequential(("0", nn.Linear(2, hidden)), ("1", nn.BatchNorm1d(hidden)), ("2", nn.ReLU()), ("3", nn.Dropout(dropout)))),
            ("classifier", nn.Linear(hidden, 3)));
    }

    public static TrainerOptions Options(int epochs, OptimizerFactory? optimizer = null, params TrainingCallback[] callbacks) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Seed = 5,
        Optimizer = optimizer ?? Optimizers.Adam(0.01),
        Progress = TrainingProgress.Silent,
        Callbacks = callbacks,
    };

    /// <summary>Every state_dict entry of <paramref name="a"/> equals <paramref name="b"/>'s bit for bit.</summary>
    public static void AssertSameState(nn.Module a, nn.Module b)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        Assert.Equal(left.Keys, right.Keys);
        foreach (var key in left.Keys)
        {
            Assert.Equal(left[key].shape, right[key].shape);
            Assert.True(left[key].eq(right[key]).all().item<bool>(), $"'{key}' differs");
        }
    }

    /// <summary>Copies of the state_dict tensors whose keys match a predicate.</summary>
    public static (string Key, Tensor Value)[] Snapshot(nn.Module model, Func<string, bool> keep) =>
        model.state_dict().Where(e => keep(e.Key)).Select(e => (e.Key, e.Value.detach().clone())).ToArray();
}
