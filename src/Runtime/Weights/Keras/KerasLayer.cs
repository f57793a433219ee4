using System.Collections.Generic;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>One Keras layer of an .h5 file with its weights in the file's (Keras') order.</summary>
internal sealed record KerasLayer(string Name, IReadOnlyList<KerasStoredTensor> Weights);
