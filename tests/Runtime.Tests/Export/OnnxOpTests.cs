using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using NetDsl.Catalog;
using NetDsl.Export.Onnx;
using NetDsl.Runtime.Export;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Export;

/// <summary>
/// Every op of the catalog through small networks (Networks/Onnx.net): exported, run by ONNX Runtime, the same outputs
/// as the module. An op without a lowering is refused with an error that names the layer and the op, and no file is written.
/// </summary>
public sealed class OnnxOpTests
{
    /// <summary>The op table: each network and the catalog ops it applies (checked against its summary).</summary>
    private static readonly Dictionary<string, (Func<nn.Module> Build, long[] Input, string[] Ops)> Table = new()
    {
        ["OnnxConvs"] = (() => new OnnxConvs(), new long[] { 3, 12, 12 },
            new[] { "conv", "bn", "relu6", "depthwise", "leaky_relu", "sepconv", "silu", "zeropad", "sigmoid", "lrn", "tanh", "hardswish", "hardsigmoid", "relu", "identity", "dropout", "stochastic_depth" }),
        ["OnnxPools"] = (() => new OnnxPools(), new long[] { 4, 13, 11 },
            new[] { "maxpool", "avgpool", "zeropad", "adaptive_avgpool", "flatten", "global_maxpool", "global_avgpool", "linear", "softmax" }),
        ["OnnxLayout"] = (() => new OnnxLayout(), new long[] { 6, 4, 5 },
            new[] { "channel_shuffle", "roll", "permute", "transpose", "reshape", "chunk", "split", "slice", "select", "flatten", "linear", "gelu", "log_softmax" }),
        ["OnnxSequence"] = (() => new OnnxSequence(), new long[] { 7 },
            new[] { "embedding", "positions", "layer_norm", "attention", "gpt_attention", "gelu", "linear" }),
        ["OnnxMaps"] = (() => new OnnxMaps(), new long[] { 8, 5, 6 }, new[] { "layer_norm2d", "select", "layer_norm" }),
        ["OnnxCross"] = (() => new OnnxCross(), new long[] { 5, 8 }, new[] { "linear", "attention" }),
        // Networks/Vision.net: Swin's shifted windows on a map that pads to whole windows, among every kind of layer.
        ["EveryLayer"] = (() => new EveryLayer(), new long[] { 3, 16, 16 },
            new[] { "conv", "sepconv", "depthwise", "channel_shuffle", "permute", "window_attention", "stochastic_depth", "roll", "hardsigmoid", "avgpool", "maxpool", "zeropad", "global_maxpool", "log_softmax" }),
    };

    public static TheoryData<string> Networks => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntime_computes_what_the_module_computes(string name)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (build, sample, ops) = Table[name];
        var model = build();
        OnnxCheck.Fill(model);
        var applied = ((IReadOnlyList<LayerInfo>)model.GetType().GetProperty("Layers", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Select(l => l.Op).ToList();
        foreach (var op in ops) Assert.Contains(applied, text => Regex.IsMatch(text, $@"(^|[ .|(]){Regex.Escape(op)}(\(|$| )"));
        var shape = new long[] { 2 }.Concat(sample).ToArray();
        var input = ((INetwork)model).InputShape.IsIds ? OnnxCheck.Ids(8, shape) : OnnxCheck.Input(shape);
        OnnxCheck.ExportAndCompare(model, input);
    }

    [Fact]
    public void Every_catalog_op_is_in_the_table_and_has_a_lowering()
    {
        var covered = Table.Values.SelectMany(t => t.Ops).ToHashSet();
        Assert.Equal(OpCatalog.All.Select(o => o.Name).Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        Assert.All(OpCatalog.All, op => Assert.True(op.HasOnnxLowering, op.Name));
    }

    /// <summary>Every catalog op has a lowering; an argument one cannot express is the refusal to check end to end (Dsl.Tests checks an op without one).</summary>
    [Fact]
    public void A_layer_the_export_cannot_express_is_refused_naming_the_layer_and_the_op_and_nothing_is_written()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var path = Path.Combine(TestPaths.NewTempFolder(), "refused.onnx");
        var error = Assert.Throws<OnnxExportException>(() => new OnnxRefused().ExportOnnx(path));
        Assert.Equal("roll at 'block1.1' cannot be exported to ONNX: rolling the symbolic axis 't' needs its size", error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_module_that_is_not_a_generated_network_is_refused()
    {
        TorchNative.EnsureLoaded();
        var error = Assert.Throws<ArgumentException>(() => nn.Linear(2, 3).ExportOnnx(Path.Combine(TestPaths.NewTempFolder(), "linear.onnx")));
        Assert.StartsWith("Linear is not a generated network (INetwork)", error.Message);
    }

    [Fact]
    public void The_file_records_its_producer_opset_dynamic_axes_outputs_and_weights_and_passes_the_onnx_checker()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var folder = TestPaths.NewTempFolder();
        var sequence = new OnnxSequence();
        OnnxCheck.Fill(sequence);
        var path = OnnxCheck.ExportAndCompare(sequence, OnnxCheck.Ids(8, new long[] { 2, 5 }), folder);
        var script = """
            import sys, onnx
            model = onnx.load(sys.argv[1])
            onnx.checker.check_model(model, full_check=True)
            graph = model.graph
            print(model.producer_name, model.ir_version, [(o.domain, o.version) for o in model.opset_import])
            for value in list(graph.input) + list(graph.output):
                print(value.name, value.type.tensor_type.elem_type, [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim])
            print(sorted(i.name for i in graph.initializer if not i.name.startswith("const_")))
            print({p.key: p.value for p in model.metadata_props if p.key != "netdsl.declaration"})
            """;
        var output = Python(script, path);
        Assert.Equal(new[] { "NetDsl 8 [('', 17)]", "input 7 ['batch', 't']", "output 1 ['batch', 't', 13]" }, output.Take(3));
        // Weights by their state_dict keys; the tied head reads the embedding's, stored once.
        Assert.Equal("['6.weight', 'attn.in_proj_bias', 'attn.in_proj_weight', 'attn.out_proj.bias', 'attn.out_proj.weight', 'gpt.c_attn.bias', 'gpt.c_attn.weight', "
            + "'gpt.c_proj.bias', 'gpt.c_proj.weight', 'ln.bias', 'ln.weight', 'wpe.weight', 'wte.weight']", output[3]);
        Assert.Equal("{'netdsl.network': 'OnnxSequence', 'netdsl.arguments': 'context=8, vocab=13, width=16', 'netdsl.output.output.kind': 'Logits'}", output[4]);
    }

    /// <summary>Runs a script with Debian's python3 (python3-onnx 1.12); its lines of output.</summary>
    private static string[] Python(string script, string argument)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "the ONNX checker test runs Debian's python3 with python3-onnx (apt-get install python3-onnx)");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python3 did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
