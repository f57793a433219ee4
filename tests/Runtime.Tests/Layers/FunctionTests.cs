using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Layers;

/// <summary>
/// The networks of Networks/Functions.net, each using constructs of the shape model, against the same computation
/// written directly with TorchSharp (sample axes plus one for the batch), and their run-time shapes against the
/// compile-time ones; and the input check every generated forward makes.
/// </summary>
public sealed class FunctionTests
{
    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(allclose(expected, actual, rtol: 1e-5, atol: 1e-6), $"largest difference {(expected - actual).abs().max().item<float>()}");
    }

    /// <summary>The batch axis, then a compile-time shape with each symbolic axis at <paramref name="length"/>.</summary>
    private static long[] RunTime(long batch, Shape shape, long length = 0) =>
        new[] { batch }.Concat(Enumerable.Range(0, shape.Rank).Select(axis => shape.IsSymbolic(axis) ? length : shape[axis])).ToArray();

    [Fact]
    public void Structural_ops_as_children_compute_what_torchsharp_computes_on_the_shifted_axes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(5, 2, 3, 4);
        var model = new StructuralChildren();

        var expected = x.permute(0, 3, 1, 2).transpose(1, -1).flatten(2).reshape(5, -1, 2).select(2, 1)
            .slice(1, 1, long.MaxValue, 2).softmax(1).log_softmax(-1);

        AssertClose(expected, model.call(x));
        Assert.Equal(RunTime(5, model.OutputShape), model.call(x).shape);
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7" }, model.named_children().Select(c => c.name));
    }

    [Fact]
    public void Methods_dot_stages_and_indexing_compute_what_torchsharp_computes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(5, 2, 3, 4);
        var model = new Methods();

        var y = input.permute(0, 3, 1, 2).transpose(1, -1).flatten(2).reshape(5, -1, 2);
        var z = input.select(1, 1).slice(1, 0, long.MaxValue, 2).slice(2, -3, long.MaxValue, 1);
        var expected = cat(new[] { y.select(2, 1), z.flatten(1), input.select(1, -1).select(1, -1) }, 1).softmax(1);

        AssertClose(expected, model.call(input));
        Assert.Empty(model.named_children().Select(c => c.name).ToList());
        Assert.Equal(0, model.state_dict().Count);
    }

    [Fact]
    public void Chunk_and_split_give_the_values_tuple_bindings_name()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(3, 6, 10);
        var model = new Pieces();

        var abc = input.chunk(3, 1);
        var de = input.split(new long[] { 3, 7 }, -1);
        var r = input.split(4, 2)[2];
        var expected = cat(new[] { abc[2], abc[0], abc[1] }, 1) + cat(new[] { de[1], de[0] }, 2) + cat(new[] { r, r, r, r, r }, -1);

        AssertClose(expected, model.call(input));
    }

    [Fact]
    public void Arithmetic_with_numbers_and_broadcasting_follow_numpys_rule_on_sample_shapes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(2, 4, 3, 3);
        var model = new Arithmetic();

        var hard = nn.functional.relu6(input + 3) / 6;
        var x = input * hard * 0.25 - 1;
        // [4, 1, 1] + [3]: the vector gets sizes of 1 in front of it, after the batch axis.
        var y = (2 - x.slice(2, 0, 1, 1).slice(3, 0, 1, 1)) + x.select(1, 0).select(1, 0).reshape(2, 1, 1, 3);
        var channels = input.mean(new long[] { 2, 3 }).reshape(2, 4, 1, 1);
        var expected = y * x.slice(3, 0, 1, 1) * channels;

        AssertClose(expected, model.call(input));
        Assert.Equal(RunTime(2, model.OutputShape), model.call(input).shape);
    }

    [Fact]
    public void An_arithmetic_parameter_reaches_forward()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(2, 4, 3, 3);

        var quarter = new Arithmetic(scale: 0.25).call(input);
        var half = new Arithmetic(scale: 0.5).call(input);

        Assert.False(allclose(quarter, half));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    public void A_symbolic_length_runs_at_any_size_up_to_its_bound(long length)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Symbolic();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var input = randn(3, length, 8);
        var seen = new Dictionary<string, long[]>();
        foreach (var (name, module) in model.named_children())
            ((nn.Module<Tensor, Tensor>)module).register_forward_hook((_, _, output) => { seen[name] = output.shape; return output; });

        var h = nn.functional.linear(input, parameters["proj.weight"], parameters["proj.bias"]);
        var qk = h.chunk(2, -1);
        var merged = qk[0].reshape(3, length, 2, 4).transpose(1, 2).transpose(1, 2).reshape(3, length, 8);
        var mixed = merged * qk[1];
        var expected = nn.functional.linear(cat(new[] { mixed.select(1, 0), mixed.select(1, -1) }, 1), parameters["out.weight"], parameters["out.bias"]);

        AssertClose(expected, model.call(input));
        Assert.Equal(RunTime(3, Symbolic.Layers.Single(l => l.Path == "proj").Output, length), seen["proj"]);
        Assert.Equal(RunTime(3, model.OutputShape), seen["out"]);
    }

    [Fact]
    public void Token_ids_pass_through_structural_ops_unchanged()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var ids = randint(0, 100, new long[] { 2, 6, 2 }, dtype: int64);

        var output = new Tokens().call(ids);

        Assert.Equal(ScalarType.Int64, output.dtype);
        Assert.True(ids.flip(-1).eq(output).all().item<bool>());
    }

    [Fact]
    public void Forward_checks_its_input_before_any_layer_runs_with_the_builds_message_style()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();

        var tooLong = Assert.Throws<ShapeException>(() => new Symbolic().call(randn(2, 17, 8)));
        Assert.Equal("ND0216", tooLong.Error.Id);
        Assert.Equal("ND0216: network 'Symbolic' expects a batch of [t <= 16, 8] but receives [2, 17, 8]: axis 0 of the sample (t) is 17, outside 1 to 16", tooLong.Message);

        var unbatched = Assert.Throws<ShapeException>(() => new StructuralChildren().call(randn(2, 3, 4)));
        Assert.Equal("ND0216: network 'StructuralChildren' expects a batch of [2, 3, 4], a tensor of 4 axes (batch first), but receives [2, 3, 4] (3 axes); add the batch axis, e.g. input.unsqueeze(0)", unbatched.Message);

        var floats = Assert.Throws<ShapeException>(() => new Tokens().call(randn(2, 6, 2)));
        Assert.Contains("expects token ids, an integer tensor (int64)", floats.Message);

        var ids = Assert.Throws<ShapeException>(() => new Pieces().call(ones(new long[] { 1, 6, 10 }, dtype: int64)));
        Assert.Contains("expects floating-point values but receives an integer tensor", ids.Message);
    }

    [Fact]
    public void A_symbolic_network_built_with_another_bound_checks_that_bound()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Symbolic(context: 32);

        Assert.Equal("[t <= 32, 8]", model.InputShape.ToDeclaredString());
        Assert.Equal(new long[] { 2, 3 }, model.call(randn(2, 32, 8)).shape);
    }
}
