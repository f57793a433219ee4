using System.Collections.Generic;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>The layers of a Keras .h5 weights file that have weights, in the order of its <c>layer_names</c>.</summary>
internal sealed record KerasLayers(IReadOnlyList<KerasLayer> Layers);
