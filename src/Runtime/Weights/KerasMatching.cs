namespace NetDsl.Runtime.Weights;

/// <summary>How Keras layers in an <c>.h5</c> file are paired with the model's layers, as Keras' <c>load_weights</c> does.</summary>
public enum KerasMatching
{
    /// <summary>
    /// The i-th Keras layer that has weights goes to the i-th layer of the model that has weights (a separable
    /// convolution takes two: its depthwise and its pointwise convolution). Keras' default (<c>by_name=False</c>).
    /// </summary>
    ByOrder,

    /// <summary>
    /// A Keras layer goes to the module whose path, or last path segment, is the layer's name (after
    /// <see cref="WeightLoadOptions.Rename"/>), or to the layers inside a module of that name. Keras' <c>by_name=True</c>.
    /// </summary>
    ByName,
}
