using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Tests.Zoo;
using NetDsl.Runtime.Weights;
using WeightFiles = NetDsl.Runtime.Weights.Weights;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Vision;

/// <summary>
/// The vision ops against PyTorch's own modules (torchvision 0.14's ShiftedWindowAttention, SwinTransformerBlock,
/// ShuffleNet v2's InvertedResidual and channel_shuffle, SqueezeExcitation with Hardsigmoid, torch.roll, batch norm
/// without a weight): the generated twin (Networks/Vision.net) loads the state_dict PyTorch saved through NetDsl's own
/// loader, strictly, with the same keys in PyTorch's order and the same shapes, and computes PyTorch's outputs (and,
/// for the attention, its gradients) on PyTorch's inputs. References/make_references.py wrote the files; they are
/// checked in, so the suite needs no Python (running the script again writes the same bytes).
/// </summary>
public sealed class VisionReferenceTests
{
    private static string Reference(string file) => Path.Combine(ZooFiles.Root, "tests", "Runtime.Tests", "Vision", "References", file);

    private static Dictionary<string, Tensor> Io(string name) => WeightFiles.ReadTensors(Reference(name + ".io.pt"));

    /// <summary>Loads <c>name.pt</c> strictly, after checking that its keys, in the file's (PyTorch's) order, and shapes are the model's.</summary>
    private static void LoadReference(nn.Module model, string name)
    {
        var path = Reference(name + ".pt");
        using (var file = WeightFile.Open(path))
        {
            var expected = file.Tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]").ToList();
            var actual = ZooNetworkTests.PyTorchOrder(model, "").Select(e => $"{e.Key} [{string.Join(", ", e.Shape)}]").ToList();
            Assert.Equal(expected, actual);
        }
        var report = model.LoadWeights(path);
        Assert.True(report.IsExactMatch, report.Describe());
    }

    /// <summary>
    /// Equal within float32 rounding: the largest difference at most 1e-6 of the largest value (at least 1). Two
    /// libtorch builds (PyTorch 1.13's and TorchSharp's 2.10) sum in different orders, so errors of a few units in the
    /// last place of the large intermediate values reach the small outputs too.
    /// </summary>
    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = Math.Max(1.0, expected.abs().max().item<float>());
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-6 * scale, $"largest difference {difference}, largest value {scale}");
    }

    private static void AssertEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        if (!expected.eq(actual).all().item<bool>())
            Assert.Fail($"largest difference {(expected - actual).abs().max().to(float64).item<double>()}");
    }

    private static Tensor Grad(nn.Module model, string parameter) => model.named_parameters().Single(p => p.name == parameter).parameter.grad!;

    public static TheoryData<string, Type> WindowCases => new()
    {
        { "window_attention_shifted", typeof(ShiftedWindows) },
        { "window_attention_covering", typeof(CoveringWindow) },
        { "window_attention_one_axis", typeof(OneAxisShifted) },
        { "window_attention_rectangular", typeof(RectangularWindows) },
        { "window_attention_zero_shift", typeof(ZeroShiftAxis) },
    };

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void Window_attention_computes_torchvisions_output_and_gradients(string name, Type network)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(network)!;
        LoadReference(model, name);
        model.eval();
        var io = Io(name);
        var input = io["input"].requires_grad_(true);

        var output = model.call(input);
        (output * io["upstream"]).sum().backward();

        AssertClose(io["output"], output);
        AssertClose(io["input_grad"], input.grad!);
        AssertClose(io["table_grad"], Grad(model, "attn.relative_position_bias_table"));
        AssertClose(io["qkv_weight_grad"], Grad(model, "attn.qkv.weight"));
    }

    [Fact]
    public void The_relative_position_index_is_torchvisions_integer_buffer_not_trained_and_not_counted()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new RectangularWindows();
        var stored = WeightFiles.ReadTensors(Reference("window_attention_rectangular.pt"))["attn.relative_position_index"];

        var index = model.named_buffers().Single(b => b.name == "attn.relative_position_index").buffer;

        Assert.Equal(int64, index.dtype);
        AssertEqual(stored, index);
        Assert.DoesNotContain(model.named_parameters(), p => p.name == "attn.relative_position_index");
        Assert.Equal(6 * 6, index.numel());
        // Integer bookkeeping, as num_batches_tracked: not among the non-trainable values the summary counts.
        Assert.Equal(0, RectangularWindows.BufferCount);
    }

    [Fact]
    public void A_swin_block_computes_torchvisions_block()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new SwinBlockWithoutNorms();
        LoadReference(model, "swin_block");
        model.eval();
        var io = Io("swin_block");

        using (no_grad()) AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void Channel_shuffle_is_torchvisions_exactly()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var io = Io("channel_shuffle");

        AssertEqual(io["output"], new ShuffledChannels().call(io["input"]));
    }

    [Fact]
    public void ShuffleNet_v2_units_compute_torchvisions_inverted_residuals()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new ShuffleNetUnits();
        LoadReference(model, "shufflenet_units");
        model.eval();
        var io = Io("shufflenet_units");

        using (no_grad()) AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void Hardsigmoid_is_pytorchs_and_gates_mobilenet_v3s_squeeze_and_excitation()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var io = Io("hardsigmoid");
        AssertEqual(io["output"], new HardsigmoidValues().call(io["input"]));

        var se = new HardsigmoidGate();
        LoadReference(se, "squeeze_excitation");
        var reference = Io("squeeze_excitation");
        using (no_grad()) AssertClose(reference["output"], se.call(reference["input"]));
    }

    [Fact]
    public void Roll_is_torch_roll_exactly()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var io = Io("roll");

        AssertEqual(io["output"], new RolledTwice().call(io["input"]));
    }

    public static TheoryData<string, Type> UnscaledCases => new()
    {
        { "bn_unscaled_2d", typeof(UnscaledBatchNorm2d) },
        { "bn_unscaled_1d", typeof(UnscaledBatchNorm1d) },
    };

    [Theory]
    [MemberData(nameof(UnscaledCases))]
    public void Batch_norm_without_scale_normalises_and_updates_its_statistics_as_pytorch(string name, Type network)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(network)!;
        LoadReference(model, name);
        var io = Io(name);
        var buffers = model.named_buffers().ToDictionary(b => b.name, b => b.buffer);

        model.eval();
        using (no_grad()) AssertClose(io["eval_output"], model.call(io["input"]));
        Assert.Equal(7, buffers["0.num_batches_tracked"].item<long>());

        model.train();
        using (no_grad()) AssertClose(io["train_output"], model.call(io["input"]));
        AssertClose(io["running_mean"], buffers["0.running_mean"]);
        AssertClose(io["running_var"], buffers["0.running_var"]);
        Assert.Equal(8, buffers["0.num_batches_tracked"].item<long>());
        Assert.Equal(new[] { "0.bias" }, model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Batch_norm_without_scale_is_torchsharps_batch_norm_with_its_weight_held_at_one()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new UnscaledBatchNorm2d();
        LoadReference(model, "bn_unscaled_2d");
        var state = model.state_dict();
        var reference = nn.BatchNorm2d(6, eps: 1e-3, momentum: 0.01);
        using (no_grad())
        {
            reference.bias!.copy_(state["0.bias"]);
            reference.running_mean!.copy_(state["0.running_mean"]);
            reference.running_var!.copy_(state["0.running_var"]);
        }
        var input = Io("bn_unscaled_2d")["input"];

        foreach (var training in new[] { true, false, true })
        {
            model.train(training);
            reference.train(training);
            using (no_grad()) AssertClose(reference.call(input), model.call(input));
            AssertClose(reference.running_var!, state["0.running_var"]);
        }
    }
}
