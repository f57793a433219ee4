namespace NetDsl.Runtime.Weights;

/// <summary>The weight file formats NetDsl reads and writes.</summary>
public enum WeightFormat
{
    /// <summary>Decide from the file's first bytes when reading, from its extension when writing.</summary>
    Auto,

    /// <summary>A PyTorch <c>torch.save</c> zip archive (PyTorch 1.6+) holding a state_dict: <c>.pt</c>, <c>.pth</c>.</summary>
    PyTorch,

    /// <summary>Hugging Face safetensors: <c>.safetensors</c>.</summary>
    SafeTensors,

    /// <summary>TorchSharp's own <c>Module.save</c> / <c>Module.load</c> format (often <c>.dat</c> or <c>.bin</c>).</summary>
    TorchSharp,

    /// <summary>Keras' HDF5 weights (<c>.h5</c>, the legacy layout of Keras applications); read only.</summary>
    KerasH5,
}
