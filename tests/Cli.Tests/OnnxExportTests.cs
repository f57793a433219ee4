using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;
using static NetDsl.Cli.Tests.SafeTensorsWriting;

namespace NetDsl.Cli.Tests;

/// <summary>
/// <c>netdsl export onnx</c> on a network and weights the tests write: the file read back field by field (and by
/// Debian's python3-onnx checker), the weights stored byte for byte, and every bad weights file refused by name.
/// ONNX Runtime computing the module's outputs from a file the tool wrote is Runtime.Tests' CommandLineOnnxTests.
/// </summary>
public sealed class OnnxExportTests : CommandTestFolder
{
    private const string Tiny = """
        network Tiny(classes = 3) {
          input [2, 6, 6]
          features: (conv(4, 3) |> bn |> relu |> maxpool(2))
          flatten
          head: linear(classes)
        }
        """;

    /// <summary>Tiny's state_dict for <paramref name="classes"/>, each key a different wave of values.</summary>
    private static List<KeyValuePair<string, Tensor>> TinyWeights(int classes = 3)
    {
        var shapes = new (string Key, long[] Shape)[]
        {
            ("features.0.weight", new long[] { 4, 2, 3, 3 }), ("features.0.bias", new long[] { 4 }),
            ("features.1.weight", new long[] { 4 }), ("features.1.bias", new long[] { 4 }),
            ("features.1.running_mean", new long[] { 4 }), ("features.1.running_var", new long[] { 4 }),
            ("head.weight", new long[] { classes, 16 }), ("head.bias", new long[] { classes }),
        };
        var weights = shapes.Select(s => new KeyValuePair<string, Tensor>(s.Key, Floats(s.Shape, Wave(s.Key, s.Shape)))).ToList();
        weights.Add(new("features.1.num_batches_tracked", new Tensor("I64", Array.Empty<long>(), BitConverter.GetBytes(7L))));
        return weights;
    }

    private static float[] Wave(string key, long[] shape) =>
        Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => MathF.Sin(i * 0.37f + key.Length)).ToArray();

    private string Net() => Write("Tiny.net", System.Text.Encoding.UTF8.GetBytes(Tiny));

    [Fact]
    public void Export_onnx_with_weights_stores_every_weight_under_its_key_byte_for_byte()
    {
        var weights = TinyWeights();
        var target = Path.Combine(Folder, "tiny.onnx");
        var (code, output, error) = Run("export", "onnx", Net(), "--weights", Write("tiny.safetensors", Bytes(weights)), "-o", target);

        Assert.True(code == 0, error);
        Assert.Equal($"netdsl export onnx: wrote {target}\n", output);
        var model = new ProtoFields(File.ReadAllBytes(target));
        Assert.Equal(8, model.Int(1));
        Assert.Equal("NetDsl", model.String(2));
        Assert.Equal(17, model.Message(8).Int(2));
        var graph = model.Message(7);
        var stored = graph.Messages(5).Where(i => !i.String(8).StartsWith("const_", StringComparison.Ordinal)).ToDictionary(i => i.String(8));
        // Every float weight of the state_dict; num_batches_tracked is not part of the eval graph.
        Assert.Equal(weights.Where(w => w.Value.DType == "F32").Select(w => w.Key).Order(), stored.Keys.Order());
        foreach (var (key, tensor) in weights.Where(w => w.Value.DType == "F32"))
        {
            Assert.Equal(tensor.Shape, stored[key].PackedInts(1));
            Assert.Equal(1, stored[key].Int(2));
            Assert.Equal(tensor.Data, stored[key].Bytes(9));
        }
        Assert.Equal(new[] { "input" }, graph.Messages(11).Select(v => v.String(1)));
        Assert.Equal(new[] { "output" }, graph.Messages(12).Select(v => v.String(1)));
        var metadata = model.Messages(14).ToDictionary(p => p.String(1), p => p.String(2));
        Assert.Equal("Tiny", metadata["netdsl.network"]);
        Assert.Equal("classes=3", metadata["netdsl.arguments"]);
        Assert.Equal("Logits", metadata["netdsl.output.output.kind"]);
        Assert.Contains("network Tiny(classes = 3)", metadata["netdsl.declaration"]);
    }

    [Fact]
    public void Export_onnx_files_pass_the_onnx_checker_with_weights_and_with_weights_as_inputs()
    {
        var withWeights = Path.Combine(Folder, "weights.onnx");
        var withInputs = Path.Combine(Folder, "inputs.onnx");
        Assert.Equal(0, Run("export", "onnx", Net(), "--weights", Write("tiny.safetensors", Bytes(TinyWeights())), "-o", withWeights).Code);
        Assert.Equal(0, Run("export", "onnx", Net(), "-o", withInputs).Code);

        var script = """
            import sys, onnx
            for path in sys.argv[1:]:
                model = onnx.load(path)
                onnx.checker.check_model(model, full_check=True)
                graph = model.graph
                print(len(graph.input), len([i for i in graph.initializer if not i.name.startswith("const_")]),
                      [d.dim_param or d.dim_value for d in graph.output[0].type.tensor_type.shape.dim])
            """;
        Assert.Equal(new[] { "1 8 ['batch', 3]", "9 0 ['batch', 3]" }, Python(script, withWeights, withInputs));
    }

    [Fact]
    public void Export_onnx_without_weights_makes_every_weight_an_input_of_its_shape_and_says_so()
    {
        var target = Path.Combine(Folder, "structure.onnx");
        var (code, _, error) = Run("export", "onnx", Net(), "-o", target);

        Assert.Equal(0, code);
        Assert.Contains("no --weights given: the weights are inputs of the graph (8 of them", error);
        var graph = new ProtoFields(File.ReadAllBytes(target)).Message(7);
        var inputs = graph.Messages(11).Where(v => v.String(1) != "input").ToDictionary(v => v.String(1), v => v.Message(2).Message(1).Message(2).Messages(1).Select(d => d.Int(1)).ToArray());
        Assert.Equal(new long[] { 3, 16 }, inputs["head.weight"]);
        Assert.Equal(new long[] { 4, 2, 3, 3 }, inputs["features.0.weight"]);
        Assert.Equal(8, inputs.Count);
        Assert.Empty(graph.Messages(5).Where(i => !i.String(8).StartsWith("const_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Float16_bfloat16_and_float64_weights_are_written_as_float32()
    {
        var weights = TinyWeights();
        var converted = new Dictionary<string, (string DType, Func<float, byte[]> Encode)>
        {
            ["head.weight"] = ("F16", v => BitConverter.GetBytes((Half)v)),
            ["features.0.weight"] = ("BF16", v => BitConverter.GetBytes(BitConverter.SingleToInt32Bits(v)).Skip(2).ToArray()),
            ["head.bias"] = ("F64", v => BitConverter.GetBytes((double)v)),
        };
        var expected = new Dictionary<string, float[]>();
        for (var i = 0; i < weights.Count; i++)
        {
            if (!converted.TryGetValue(weights[i].Key, out var as_)) continue;
            var values = Enumerable.Range(0, weights[i].Value.Data.Length / 4).Select(j => BitConverter.ToSingle(weights[i].Value.Data, j * 4)).ToArray();
            // Subnormal, infinite and negative halves too: the conversion is bit by bit.
            if (as_.DType == "F16") values[0] = (float)(Half)3e-6f;
            if (as_.DType == "F16") values[1] = float.NegativeInfinity;
            weights[i] = new(weights[i].Key, new Tensor(as_.DType, weights[i].Value.Shape, values.SelectMany(as_.Encode).ToArray()));
            expected[weights[i].Key] = as_.DType switch
            {
                "F16" => values.Select(v => (float)(Half)v).ToArray(),
                "BF16" => values.Select(v => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v) & unchecked((int)0xffff0000))).ToArray(),
                _ => values,
            };
        }
        var target = Path.Combine(Folder, "converted.onnx");
        var (code, _, error) = Run("export", "onnx", Net(), "--weights", Write("mixed.safetensors", Bytes(weights)), "-o", target);

        Assert.True(code == 0, error);
        var stored = new ProtoFields(File.ReadAllBytes(target)).Message(7).Messages(5).ToDictionary(i => i.String(8));
        foreach (var (key, values) in expected)
        {
            Assert.Equal(1, stored[key].Int(2));
            Assert.Equal(values, Enumerable.Range(0, values.Length).Select(j => BitConverter.ToSingle(stored[key].Bytes(9), j * 4)));
        }
    }

    public static TheoryData<string, string> BadWeights => new()
    {
        { "missing", "the file lacks the key 'features.1.running_var' of the network's state_dict" },
        { "unexpected", "the file holds the key 'head.scale', which the network does not have" },
        { "shape", "'head.weight' is [3, 15] in the file, the network's is [3, 16]" },
        { "dtype", "'features.0.bias' is I32 in the file; the network's weight is floating point (F32, F64, F16 or BF16)" },
        { "truncated", "safetensors: the tensors need 580 data bytes but the file has 568 (truncated? tensor 'features.1.num_batches_tracked' ends past it)" },
        { "overlap", "safetensors: tensor 'head.bias' at bytes 4..16 overlaps the tensor before it" },
        { "header", "safetensors: the header claims 1099511627775 bytes, more than the 100000000-byte limit" },
        { "json", "safetensors: the header is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadWeights))]
    public void A_bad_weights_file_is_refused_with_what_is_wrong_and_no_file_is_written(string problem, string message)
    {
        var weights = TinyWeights();
        var bytes = problem switch
        {
            "missing" => Bytes(weights.Where(w => w.Key != "features.1.running_var").ToList()),
            "unexpected" => Bytes(weights.Append(new("head.scale", Floats(new long[] { 1 }, new[] { 2f }))).ToList()),
            "shape" => Bytes(weights.Select(w => w.Key == "head.weight" ? new(w.Key, Floats(new long[] { 3, 15 }, new float[45])) : w).ToList()),
            "dtype" => Bytes(weights.Select(w => w.Key == "features.0.bias" ? new(w.Key, new Tensor("I32", new long[] { 4 }, new byte[16])) : w).ToList()),
            "truncated" => Bytes(weights)[..^12],
            "overlap" => Overlapping(),
            "header" => BitConverter.GetBytes(0xFF_FFFF_FFFFUL).Concat(new byte[16]).ToArray(),
            _ => BitConverter.GetBytes(8UL).Concat("{\"a\":[1,"u8.ToArray()).ToArray(),
        };
        var target = Path.Combine(Folder, "bad.onnx");
        var (code, output, error) = Run("export", "onnx", Net(), "--weights", Write("bad.safetensors", bytes), "-o", target);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.True(error.Contains(message, StringComparison.Ordinal), error);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".tmp"));
    }

    /// <summary>Two tensors whose offsets share bytes 4..8.</summary>
    private static byte[] Overlapping()
    {
        var header = System.Text.Encoding.UTF8.GetBytes("""{"head.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"head.bias":{"dtype":"F32","shape":[3],"data_offsets":[4,16]}}""");
        return BitConverter.GetBytes((ulong)header.Length).Concat(header).Concat(new byte[16]).ToArray();
    }

    [Fact]
    public void Arguments_give_the_network_other_sizes_which_the_weights_must_have()
    {
        var weights = Write("tiny.safetensors", Bytes(TinyWeights(classes: 5)));
        var target = Path.Combine(Folder, "five.onnx");

        var (code, _, error) = Run("export", "onnx", Net(), "--weights", weights, "-o", target, "--arguments", "classes=5");
        Assert.True(code == 0, error);
        Assert.Equal("classes=5", new ProtoFields(File.ReadAllBytes(target)).Messages(14).Single(p => p.String(1) == "netdsl.arguments").String(2));

        var (mismatch, _, message) = Run("export", "onnx", Net(), "--weights", weights, "-o", target, "--arg", "classes=4");
        Assert.Equal(1, mismatch);
        Assert.Contains("'head.weight' is [5, 16] in the file, the network's is [4, 16]", message);
        Assert.Contains("'head.bias' is [5] in the file, the network's is [4]", message);
    }

    [Theory]
    [InlineData(new[] { "export", "onnx", "NET" }, 2, "netdsl: export onnx writes a binary file: give it with -o FILE.onnx")]
    [InlineData(new[] { "export", "pytorch", "NET", "--weights", "w.safetensors" }, 2, "netdsl: export pytorch writes no weights; --weights is for: onnx")]
    [InlineData(new[] { "export", "onnx", "NET", "-o", "x.onnx", "--weights", "/nowhere/w.safetensors" }, 2, "netdsl: no weights file '/nowhere/w.safetensors'")]
    [InlineData(new[] { "export", "onnx", "NET", "-o", "x.onnx", "--weights", "w.pt" }, 1, "netdsl: w.pt: --weights reads safetensors files (.safetensors)")]
    [InlineData(new[] { "export", "onnx", "NET", "-o", "x.onnx", "--network", "Other" }, 1, "netdsl: no network 'Other' in the given files; they declare Tiny")]
    [InlineData(new[] { "export", "onnx", "NET", "-o", "x.onnx", "--arg", "depth=2" }, 1, "netdsl: network 'Tiny' has no parameter 'depth'")]
    [InlineData(new[] { "export", "onnx", "NET", "-o", "x.onnx", "--arg", "classes=many" }, 1, "netdsl: argument classes=many is not an integer, a float or true/false")]
    public void Wrong_command_lines_say_what_is_wrong(string[] args, int exitCode, string message)
    {
        var net = Net();
        var (code, _, error) = Run(args.Select(a => a == "NET" ? net : a.EndsWith(".onnx", StringComparison.Ordinal) ? Path.Combine(Folder, a) : a).ToArray());
        Assert.Equal(exitCode, code);
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void Several_networks_need_the_one_to_export_named()
    {
        var net = Net();
        var other = Write("Other.net", System.Text.Encoding.UTF8.GetBytes("network Other {\n  input [4]\n  linear(2)\n}\n"));
        var (code, _, error) = Run("export", "onnx", net, other, "-o", Path.Combine(Folder, "x.onnx"));
        Assert.Equal(1, code);
        Assert.StartsWith("netdsl: name the network to export with --network; the files declare Other, Tiny", error);
        Assert.Equal(0, Run("export", "onnx", net, other, "-n", "Other", "-o", Path.Combine(Folder, "x.onnx")).Code);
    }

    [Fact]
    public void The_tool_and_what_it_loads_have_no_TorchSharp()
    {
        var seen = new HashSet<string>();
        var pending = new Queue<Assembly>(new[] { typeof(Program).Assembly });
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Assert.DoesNotContain("Torch", reference.Name, StringComparison.OrdinalIgnoreCase);
                if (reference.Name!.StartsWith("NetDsl", StringComparison.Ordinal) && seen.Add(reference.Name)) pending.Enqueue(Assembly.Load(reference));
            }
        }
        Assert.Contains("NetDsl.Dsl", seen);
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "NetDsl.Cli.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps);
    }

    /// <summary>Runs a script with Debian's python3 (python3-onnx 1.12); its lines of output.</summary>
    private static string[] Python(string script, params string[] arguments)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "the ONNX checker test runs Debian's python3 with python3-onnx (apt-get install python3-onnx)");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python3 did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
