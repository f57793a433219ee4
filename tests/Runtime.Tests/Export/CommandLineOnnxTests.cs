using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Export;

/// <summary>
/// The command-line tool's ONNX export (<c>netdsl export onnx</c>, no TorchSharp) against the module: weights the test
/// saves as safetensors, the network's declaration written as a <c>.net</c> file, the tool run in process, and ONNX
/// Runtime computing the module's outputs from its file within <see cref="OnnxCheck.Tolerance"/>.
/// </summary>
public sealed class CommandLineOnnxTests
{
    public static TheoryData<string> Networks => new() { "OnnxConvs", "OnnxSequence", "OnnxMaps", "GoogLeNetAux" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_tools_file_computes_what_the_module_computes(string name)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (model, input, arguments) = name switch
        {
            "OnnxConvs" => ((nn.Module)new OnnxConvs(), OnnxCheck.Input(new long[] { 2, 3, 12, 12 }), new string[0]),
            // Other arguments than the defaults: the tool builds the network for them, as the instance was built.
            "OnnxSequence" => (new OnnxSequence(vocab: 17, width: 8), OnnxCheck.Ids(17, new long[] { 2, 6 }), new[] { "--arguments", "vocab=17,width=8" }),
            "OnnxMaps" => (new OnnxMaps(), OnnxCheck.Input(new long[] { 2, 8, 5, 6 }), new string[0]),
            // Auxiliary heads: in the file's state_dict, not in its eval graph.
            _ => (new NetDsl.Zoo.GoogLeNetAux(classes: 10), OnnxCheck.Input(new long[] { 1, 3, 224, 224 }), new[] { "--arg", "classes=10" }),
        };
        OnnxCheck.Fill(model);
        model.eval();
        var folder = TestPaths.NewTempFolder();
        var weights = Path.Combine(folder, name + ".safetensors");
        model.SaveWeights(weights);
        var declaration = ((INetwork)model).Declaration;
        var net = Path.Combine(folder, name + ".net");
        File.WriteAllText(net, declaration.Text);
        var target = Path.Combine(folder, name + ".onnx");

        var output = new StringWriter();
        var error = new StringWriter();
        var code = NetDsl.Cli.Program.Run(new[] { "export", "onnx", net, "--network", declaration.Name, "--weights", weights, "-o", target }.Concat(arguments).ToArray(), output, error);

        Assert.True(code == 0, error.ToString());
        OnnxCheck.Compare(model, target, input);
    }
}
