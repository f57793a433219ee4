using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog.Ops;

namespace NetDsl.Catalog;

/// <summary>
/// Every op of the language, by name. Merges (<c>concat</c>, <c>add</c>, <c>mul</c>) and arithmetic with numbers are not
/// ops: they take several values, or a value and a number.
/// </summary>
public static class OpCatalog
{
    public static readonly IReadOnlyList<OpDefinition> All = new OpDefinition[]
    {
        new ConvOp(),
        new DepthwiseOp(),
        new SepConvOp(),
        new BatchNormOp(),
        new ElementwiseOp("relu", "rectified linear unit, max(x, 0)", "nn.ReLU()"),
        new ElementwiseOp("relu6", "ReLU capped at 6 (MobileNet)", "nn.ReLU6()"),
        new ElementwiseOp("leaky_relu", "leaky ReLU with the given negative slope", "nn.LeakyReLU({slope})", Args.Float("slope", 0.01)),
        new ElementwiseOp("sigmoid", "logistic sigmoid", "nn.Sigmoid()") { OutputKind = OutputKind.IndependentProbabilities },
        new ElementwiseOp("tanh", "hyperbolic tangent", "nn.Tanh()"),
        new ElementwiseOp("gelu", "Gaussian error linear unit, exact (nn.GELU) or with tanh: true the tanh approximation (GPT-2's, nn.GELU(approximate='tanh'))", "NetDslLayers.Gelu({tanh})", Args.Bool("tanh", false)),
        new ElementwiseOp("silu", "sigmoid-weighted linear unit (swish)", "nn.SiLU()"),
        new ElementwiseOp("hardswish", "hard swish (MobileNet v3)", "nn.Hardswish()"),
        new ElementwiseOp("hardsigmoid", "hard sigmoid, relu6(x + 3) / 6 (MobileNet v3's squeeze-and-excitation gate)", "nn.Hardsigmoid()") { OutputKind = OutputKind.IndependentProbabilities },
        new ElementwiseOp("softmax", "softmax along a sample axis (by default 0: channels, features)", "nn.Softmax({dim:axis})", nameof(ShapeRules.AlongAxis), Args.Int("dim", 0)) { Forms = OpForms.Both, OutputKind = OutputKind.Probabilities },
        new ElementwiseOp("log_softmax", "log of softmax along a sample axis (by default 0)", "nn.LogSoftmax({dim:axis})", nameof(ShapeRules.AlongAxis), Args.Int("dim", 0)) { Forms = OpForms.Both, OutputKind = OutputKind.LogProbabilities },
        new ElementwiseOp("identity", "passes its input through", "nn.Identity()") { TakesIds = true, OutputKind = null },
        new ElementwiseOp("dropout", "zeroes elements with probability p while training", "nn.Dropout({p})", nameof(ShapeRules.Dropout), Args.Float("p", 0.5)) { OutputKind = null },
        new ElementwiseOp("lrn", "local response normalisation across channels (AlexNet)", "nn.LocalResponseNorm({size}, alpha: {alpha}, beta: {beta}, k: {k})", nameof(ShapeRules.LocalResponseNorm),
            Args.Int("size"), Args.Float("alpha", 1e-4), Args.Float("beta", 0.75), Args.Float("k", 1.0)),
        new PoolOp(max: true),
        new PoolOp(max: false),
        new AdaptiveAvgPoolOp(),
        new GlobalPoolOp(max: false),
        new GlobalPoolOp(max: true),
        new FlattenOp { OutputKind = null },
        new LinearOp(),
        new ZeroPadOp(),
        new ReshapeOp { OutputKind = null },
        new PermuteOp { OutputKind = null },
        new TransposeOp { OutputKind = null },
        new SelectOp { OutputKind = null },
        new SliceOp { OutputKind = null },
        new ChunkOp { OutputKind = null },
        new SplitOp { OutputKind = null },
        new RollOp(),
        new ChannelShuffleOp(),
        new StochasticDepthOp(),
        new WindowAttentionOp(),
        new LayerNormOp(),
        new LayerNorm2dOp(),
        new EmbeddingOp(),
        new PositionsOp(),
        new AttentionOp(gpt: false),
        new AttentionOp(gpt: true),
    };

    private static readonly Dictionary<string, OpDefinition> ByName = All.ToDictionary(op => op.Name);

    public static OpDefinition? Find(string name) => ByName.TryGetValue(name, out var op) ? op : null;

    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The padding words, <c>same</c> and <c>valid</c>.</summary>
    public static readonly IReadOnlyList<string> PaddingWords = new[] { "same", "valid" };

    /// <summary>Every bare word an argument takes: the padding words and those of <see cref="ArgType.Word"/> arguments (<c>row</c>, <c>batch</c>).</summary>
    public static readonly IReadOnlyList<string> Words = PaddingWords.Concat(All.SelectMany(op => op.Arguments).SelectMany(a => a.Words)).Distinct().ToArray();

    private static readonly HashSet<string> WordSet = new(Words);

    public static bool IsWord(string name) => WordSet.Contains(name);
}
