using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Inference;

/// <summary>Per sample: the model's raw output, the predicted class index and the probability of every class.</summary>
public sealed class Prediction
{
    internal Prediction(OutputKind kind, float[][] outputs, long[] classes, float[][] probabilities, IReadOnlyList<string>? classNames)
    {
        Kind = kind;
        Outputs = outputs;
        Classes = classes;
        Probabilities = probabilities;
        ClassNames = classNames;
    }

    /// <summary>What the model returns (a module that is not a NetDsl network is taken to return raw scores).</summary>
    public OutputKind Kind { get; }

    /// <summary>Each sample's output as the model returned it (flattened, as float32).</summary>
    public IReadOnlyList<float[]> Outputs { get; }

    /// <summary>
    /// The predicted class of each sample: the argmax; for a single output, 1 when its probability exceeds 0.5.
    /// </summary>
    public IReadOnlyList<long> Classes { get; }

    /// <summary>
    /// Each sample's class probabilities: the softmax of raw scores, the exponential of log-probabilities, or the
    /// network's own probabilities; for a single output, [1 - p, p]. Outputs of a network that ends in sigmoid with
    /// several values are independent labels: each is that label's probability, and they need not sum to 1.
    /// </summary>
    public IReadOnlyList<float[]> Probabilities { get; }

    public IReadOnlyList<string>? ClassNames { get; }

    public int Count => Classes.Count;

    /// <summary>The probability of the predicted class of sample <paramref name="index"/>.</summary>
    public float Confidence(int index) => Probabilities[index][Classes[index]];

    /// <summary>The predicted class's name, or its index when no names were given.</summary>
    public string Label(int index) =>
        ClassNames is { } names && Classes[index] < names.Count ? names[(int)Classes[index]] : Classes[index].ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <paramref name="k"/> most probable classes of sample <paramref name="index"/>, best first.</summary>
    public IReadOnlyList<(long Class, float Probability)> Top(int index, int k)
    {
        var probabilities = Probabilities[index];
        var order = new long[probabilities.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]));
        var top = new List<(long, float)>();
        for (var i = 0; i < Math.Min(k, order.Length); i++)
            top.Add((order[i], probabilities[order[i]]));
        return top;
    }
}
