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
        new ConvOp { Autograd = OpAutograd.KeepsInput },
        new DepthwiseOp { Autograd = OpAutograd.KeepsInput },
        new SepConvOp { Autograd = OpAutograd.KeepsInput },
        new BatchNormOp { Autograd = OpAutograd.KeepsInput },
        new ElementwiseOp("relu", "rectified linear unit, max(x, 0)", "nn.ReLU()") { Autograd = OpAutograd.KeepsOutput(inPlace: true), InPlaceModule = "nn.ReLU(inplace: true)" },
        new ElementwiseOp("relu6", "ReLU capped at 6 (MobileNet)", "nn.ReLU6()") { Autograd = OpAutograd.KeepsBoth with { InPlace = true }, InPlaceModule = "nn.ReLU6(inplace: true)" },
        new ElementwiseOp("leaky_relu", "leaky ReLU with the given negative slope", "nn.LeakyReLU({slope})", Args.Float("slope", 0.01)) { Autograd = OpAutograd.KeepsInput },
        new ElementwiseOp("sigmoid", "logistic sigmoid", "nn.Sigmoid()") { Autograd = OpAutograd.KeepsOutput(inPlace: true), InPlaceModule = "nn.Sigmoid(inplace: true)", OutputKind = OutputKind.IndependentProbabilities },
        new ElementwiseOp("tanh", "hyperbolic tangent", "nn.Tanh()") { Autograd = OpAutograd.KeepsOutput(inPlace: true), InPlaceModule = "nn.Tanh(inplace: true)" },
        new ElementwiseOp("gelu", "Gaussian error linear unit, exact (nn.GELU) or with tanh: true the tanh approximation (GPT-2's, nn.GELU(approximate='tanh'))", "NetDslLayers.Gelu({tanh})", Args.Bool("tanh", false)) { Autograd = OpAutograd.KeepsInput },
        new ElementwiseOp("silu", "sigmoid-weighted linear unit (swish)", "nn.SiLU()") { Autograd = OpAutograd.KeepsInput },
        new ElementwiseOp("hardswish", "hard swish (MobileNet v3)", "nn.Hardswish()") { Autograd = OpAutograd.KeepsInput },
        new ElementwiseOp("hardsigmoid", "hard sigmoid, relu6(x + 3) / 6 (MobileNet v3's squeeze-and-excitation gate)", "nn.Hardsigmoid()") { Autograd = OpAutograd.KeepsInput, OutputKind = OutputKind.IndependentProbabilities },
        new ElementwiseOp("softmax", "softmax along a sample axis (by default 0: channels, features)", "nn.Softmax({dim:axis})", nameof(ShapeRules.AlongAxis), Args.Int("dim", 0)) { Forms = OpForms.Both, Autograd = OpAutograd.KeepsOutput(inPlace: false), OutputKind = OutputKind.Probabilities },
        new ElementwiseOp("log_softmax", "log of softmax along a sample axis (by default 0)", "nn.LogSoftmax({dim:axis})", nameof(ShapeRules.AlongAxis), Args.Int("dim", 0)) { Forms = OpForms.Both, Autograd = OpAutograd.KeepsOutput(inPlace: false), OutputKind = OutputKind.LogProbabilities },
        new ElementwiseOp("identity", "passes its input through", "nn.Identity()") { TakesIds = true, Autograd = OpAutograd.View, OutputKind = null },
        new ElementwiseOp("dropout", "zeroes elements with probability p while training", "nn.Dropout({p})", nameof(ShapeRules.Dropout), Args.Float("p", 0.5)) { Autograd = OpAutograd.View, OutputKind = null },
        new ElementwiseOp("lrn", "local response normalisation across channels (AlexNet)", "nn.LocalResponseNorm({size}, alpha: {alpha}, beta: {beta}, k: {k})", nameof(ShapeRules.LocalResponseNorm),
            Args.Int("size"), Args.Float("alpha", 1e-4), Args.Float("beta", 0.75), Args.Float("k", 1.0)) { Autograd = OpAutograd.KeepsBoth },
        new PoolOp(max: true) { Autograd = OpAutograd.KeepsInput },
        new PoolOp(max: false) { Autograd = OpAutograd.KeepsInput },
        new AdaptiveAvgPoolOp { Autograd = OpAutograd.KeepsInput },
        new GlobalPoolOp(max: false) { Autograd = OpAutograd.KeepsInput },
        new GlobalPoolOp(max: true) { Autograd = OpAutograd.KeepsBoth },
        new FlattenOp { Autograd = OpAutograd.View, OutputKind = null },
        new LinearOp { Autograd = OpAutograd.KeepsInput },
        new ZeroPadOp { Autograd = OpAutograd.KeepsNothing },
        new ReshapeOp { Autograd = OpAutograd.View, OutputKind = null },
        new PermuteOp { Autograd = OpAutograd.View, OutputKind = null },
        new TransposeOp { Autograd = OpAutograd.View, OutputKind = null },
        new SelectOp { Autograd = OpAutograd.View, OutputKind = null },
        new SliceOp { Autograd = OpAutograd.View, OutputKind = null },
        new ChunkOp { Autograd = OpAutograd.View, OutputKind = null },
        new SplitOp { Autograd = OpAutograd.View, OutputKind = null },
        // torch.roll returns a new tensor and its backward rolls back; channel shuffle is a reshape, a transpose and a
        // contiguous copy (no copy when there is one group, so it may share its input's memory).
        new RollOp { Autograd = OpAutograd.KeepsNothing },
        new ChannelShuffleOp { Autograd = OpAutograd.View },
        // Unknown on purpose: in evaluation StochasticDepth returns its input tensor itself.
        new StochasticDepthOp(),
        // Layer norms, embeddings and attention keep their input for the backward (native_layer_norm its input, embedding
        // its ids, the input projection its input) and return new memory, which their backward does not keep.
        new WindowAttentionOp { Autograd = OpAutograd.KeepsInput },
        new LayerNormOp { Autograd = OpAutograd.KeepsInput },
        new LayerNorm2dOp { Autograd = OpAutograd.KeepsInput },
        new EmbeddingOp { Autograd = OpAutograd.KeepsInput },
        // Unknown on purpose: its result is one row of positions expanded to the batch (a view whose rows share memory),
        // which no in-place op may write; a handle of a few ids is all the plan could release.
        new PositionsOp(),
        new AttentionOp(gpt: false) { Autograd = OpAutograd.KeepsInput },
        new AttentionOp(gpt: true) { Autograd = OpAutograd.KeepsInput },
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
