namespace NetDsl.Runtime.Weights;

/// <summary>A file tensor assigned to a model key: the key after mapping, the key in the file, and the tensor (in PyTorch layout).</summary>
internal sealed record MappedWeight(string Key, string SourceKey, StoredTensor Tensor);
