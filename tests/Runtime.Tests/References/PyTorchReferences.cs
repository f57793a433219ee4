using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Tests.Zoo;
using NetDsl.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.References;

/// <summary>
/// The PyTorch references of this folder (written by make_references.py): a reference module's state_dict, its input(s)
/// and output, read through the runtime's own loader; shared by the tests that compare a generated module with one.
/// </summary>
internal static class PyTorchReferences
{
    public static string Reference(string name) => Path.Combine(ZooFiles.Root, "tests", "Runtime.Tests", "References", name);

    /// <summary>The reference's input(s) and output.</summary>
    public static Dictionary<string, Tensor> Io(string name) => NetDsl.Runtime.Weights.Weights.ReadTensors(Reference(name + ".io.pt"));

    /// <summary>The keys of a reference state_dict, in PyTorch's order.</summary>
    public static List<string> ReferenceKeys(string name)
    {
        using var file = WeightFile.Open(Reference(name + ".pt"));
        return file.Tensors.Select(t => t.Name).ToList();
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().to(ScalarType.Float64).item<double>();
        Assert.True(allclose(expected, actual, rtol: tolerance, atol: tolerance), $"largest difference {difference}");
    }
}
