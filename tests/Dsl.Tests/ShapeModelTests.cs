using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;
using static NetDsl.DslTests.Infrastructure.ShapeExtensions;

namespace NetDsl.DslTests;

/// <summary>
/// The general shape model: values of any rank, symbolic sizes, token ids, size reads, functions and their summary
/// rows, and the structural ops, each against shapes worked out by hand from PyTorch's semantics (batch excluded).
/// </summary>
public sealed class ShapeModelTests
{
    private static GeneratedNetwork Net(string input, string body, string parameters = "") =>
        TestCompiler.Network($"network N{parameters} {{\n  input {input}\n{body}\n}}\n");

    /// <summary>A shape with symbolic axes: <c>Sym((64, "t"), (768, null))</c> is <c>[t &lt;= 64, 768]</c>.</summary>
    private static Shape Sym(params (long Size, string? Symbol)[] axes) =>
        new(axes.Select(a => a.Size).ToArray(), axes.Select(a => a.Symbol).ToArray());

    [Fact]
    public void Inputs_of_any_rank_are_accepted()
    {
        Assert.Equal(S(7, 5), Net("[7, 5]", "  relu").Output);
        Assert.Equal(S(2, 3, 4, 5), Net("[2, 3, 4, 5]", "  relu").Output);
    }

    [Fact]
    public void A_symbolic_size_is_checked_at_its_bound_and_printed_by_name()
    {
        var net = Net("[t <= context, 64]", "  linear(16)", "(context = 128)");

        Assert.Equal(Sym((128, "t"), (64, null)), net.Input);
        Assert.Equal(Sym((128, "t"), (16, null)), net.Output);
        Assert.Equal(64 * 16 + 16, net.ParameterCount);
        Assert.Contains("input         input       [t <= 128, 64]        0          0\\n0             linear(16)  [t, 16]           1,040    131.07K\\n", net.Text);
        Assert.Contains("var x1 = _0.call(input);  // [t, 16]", net.Text);
    }

    [Fact]
    public void Symbolic_axes_are_equal_only_to_the_same_symbol()
    {
        Assert.NotEqual(Sym((64, "t"), (8, null)), S(64, 8));
        Assert.NotEqual(Sym((64, "t"), (8, null)), Sym((64, "u"), (8, null)));
        Assert.Equal(Sym((64, "t"), (8, null)), Sym((64, "t"), (8, null)));
        Assert.Equal("[t, 8]", Sym((64, "t"), (8, null)).ToString());
        Assert.Equal("[t <= 64, 8]", Sym((64, "t"), (8, null)).ToDeclaredString());
    }

    [Fact]
    public void Token_ids_flow_through_structural_ops_and_are_marked_in_the_summary()
    {
        var net = Net("tokens [t <= 16, 4]", "  transpose(0, 1) |> flatten(0, 0) |> .permute(1, 0) |> .select(1, 0)");

        Assert.Equal(new Shape(new long[] { 16 }, new string?[] { "t" }, ElementKind.Id), net.Rows[^1].Output);
        Assert.Contains("input         input tokens     [t <= 16, 4]        0          0\\n0             transpose(0, 1)  [4, t]              0          0\\n", net.Text);
        Assert.Contains("ShapeRules.Input(new long[] { 16, 4 }, \"N\", new string[] { \"t\", null }, ElementKind.Id)", net.Text);
    }

    [Fact]
    public void Linear_maps_the_last_axis_and_keeps_the_others()
    {
        var net = Net("[5, 7]", "  linear(3)");

        Assert.Equal(S(5, 3), net.Output);
        Assert.Equal(7 * 3 + 3, net.ParameterCount);
        Assert.Contains("nn.Linear(input.Features, 3, hasBias: true)", net.Text);
    }

    [Fact]
    public void Linear_maps_the_channels_of_a_map_made_channels_last_by_permute()
    {
        var net = Net("[3, 8, 8]", "  conv(16, 1) |> permute(1, 2, 0) |> linear(4) |> permute(2, 0, 1)");

        Assert.Equal(S(8, 8, 4), net["2"].Output);
        Assert.Equal(S(4, 8, 8), net.Output);
        Assert.Equal(16 * 3 + 16 + 16 * 4 + 4, net.ParameterCount);
    }

    [Theory]
    [InlineData("[2, 3, 4]", "permute(2, 0, 1)", "[4, 2, 3]")]
    [InlineData("[2, 3, 4]", "permute(-1, 0, -2)", "[4, 2, 3]")]
    [InlineData("[2, 3, 4]", "transpose(0, -1)", "[4, 3, 2]")]
    [InlineData("[2, 3, 4]", "flatten", "[24]")]
    [InlineData("[2, 3, 4]", "flatten(1)", "[2, 12]")]
    [InlineData("[2, 3, 4, 5]", "flatten(1, 2)", "[2, 12, 5]")]
    [InlineData("[2, 3, 4]", "flatten(0, 0)", "[2, 3, 4]")]
    [InlineData("[2, 3, 4]", "reshape(6, -1)", "[6, 4]")]
    [InlineData("[2, 3, 4]", "reshape(-1)", "[24]")]
    [InlineData("[2, 3, 4]", "reshape(4, 3, 2, 1)", "[4, 3, 2, 1]")]
    [InlineData("[2, 3, 4]", "select(1, -1)", "[2, 4]")]
    [InlineData("[2, 3, 4]", "slice(2, 1)", "[2, 3, 3]")]
    [InlineData("[2, 3, 10]", "slice(2, 1, step: 3)", "[2, 3, 3]")]
    [InlineData("[2, 3, 10]", "slice(-1, -4, stop: -1)", "[2, 3, 3]")]
    [InlineData("[2, 3, 10]", "slice(2, 0, stop: 10, step: 4)", "[2, 3, 3]")]
    [InlineData("[2, 3, 4]", "softmax(-1)", "[2, 3, 4]")]
    [InlineData("[2, 3, 4]", "log_softmax(1)", "[2, 3, 4]")]
    public void Structural_ops_as_children(string input, string op, string output)
    {
        var net = Net(input, "  " + op);

        Assert.Equal(output, net.Output.ToString());
        Assert.Equal(output, net["0"].Output.ToString());
        Assert.Equal(0, net.ParameterCount);
    }

    [Theory]
    [InlineData("input[0]", "[3, 4]")]
    [InlineData("input[-1]", "[3, 4]")]
    [InlineData("input[:, 1]", "[2, 4]")]
    [InlineData("input[1:]", "[1, 3, 4]")]
    [InlineData("input[:, ::2]", "[2, 2, 4]")]
    [InlineData("input[0, 1::2, :-1]", "[1, 3]")]
    [InlineData("input[:, :, 1]", "[2, 3]")]
    [InlineData("input[0][0][0]", "[]")]
    public void Indexing_selects_and_slices_as_python_does(string expression, string output)
    {
        var net = Net("[2, 3, 4]", "  " + expression);

        Assert.Equal(output, net.Output.ToString());
    }

    [Fact]
    public void Each_index_item_is_a_function_row_spelled_as_its_op()
    {
        var net = Net("[2, 8, 8]", "  input[:, 0::2, 1::2]");

        Assert.Equal(new[] { "(slice)", "(slice2)" }, net.Paths);
        Assert.Equal(new[] { "slice(1, 0, step: 2)", "slice(2, 1, step: 2)" }, net.Rows.Select(r => r.Op));
        Assert.Equal(S(2, 4, 4), net.Output);
    }

    [Fact]
    public void Functions_take_no_index_and_are_named_like_merges()
    {
        var net = Net("[3, 8, 8]", "  conv(4, 1) |> .flatten(1) |> .permute(1, 0) |> linear(2) |> .flatten");

        Assert.Equal(new[] { "0", "(flatten)", "(permute)", "1", "(flatten2)" }, net.Paths);
        Assert.Equal(new[] { "conv(4, 1)", "flatten(1)", "permute(1, 0)", "linear(2)", "flatten" }, net.Rows.Select(r => r.Op));
        Assert.Equal(S(128), net.Output);
        Assert.Contains("_flatten_2 = nn.Flatten(2, -1);", net.Text);
        Assert.DoesNotContain("register_module(\"(flatten)\"", net.Text);
    }

    [Fact]
    public void An_op_called_on_a_tensor_is_its_function_form()
    {
        var net = Net("[3, 8, 8]", "  relu6(input + 3) / 6 * input");

        Assert.Equal(new[] { "(add)", "(relu6)", "(div)", "(mul)" }, net.Paths);
        // A function's row shows the op without the tensor it takes, as a method's does; arithmetic keeps its tensor side as written.
        Assert.Equal(new[] { "input + 3", "relu6", "relu6(input + 3) / 6", "mul" }, net.Rows.Select(r => r.Op));
        Assert.Contains("var x1 = input + 3;", net.Text);
        Assert.Contains("var x3 = x2 / 6;", net.Text);
        Assert.Contains("var x4 = NetDslLayers.Mul(x3, input);", net.Text);
    }

    [Fact]
    public void Arithmetic_with_a_parameter_keeps_the_number_in_a_field_and_a_constant_inline()
    {
        var net = Net("[4]", "  x = input * scale\n  1 - x", "(scale = 0.5)");

        Assert.Contains("private readonly double _number1;", net.Text);
        Assert.Contains("_number1 = scale;", net.Text);
        Assert.Contains("var x1 = input * _number1;", net.Text);
        Assert.Contains("var x2 = 1 - x1;", net.Text);
    }

    [Fact]
    public void Chunk_and_split_give_several_values_a_tuple_binding_names()
    {
        var net = Net("[6, 10]", "  (a, b, c) = input.chunk(3)\n  (d, e) = input.split((3, 7), dim: -1)\n  (p, q, r) = input.split(4, dim: 1)\n  concat(a, b, c) + concat(d, e, dim: 1) + concat(p, q, r, dim: -1)");

        Assert.Equal(new[] { "(chunk)[0]", "(chunk)[1]", "(chunk)[2]", "(split)[0]", "(split)[1]", "(split2)[0]", "(split2)[1]", "(split2)[2]", "(concat)", "(concat2)", "(add)", "(concat3)", "(add2)" }, net.Paths);
        Assert.Equal(S(2, 10), net["(chunk)[2]"].Output);
        Assert.Equal(S(6, 7), net["(split)[1]"].Output);
        Assert.Equal(S(6, 2), net["(split2)[2]"].Output);
        Assert.Equal(S(6, 10), net.Output);
    }

    [Fact]
    public void The_values_of_a_chunk_feed_a_merge_directly()
    {
        Assert.Equal(S(12, 5), Net("[6, 10]", "  concat(input.chunk(2, dim: 1))").Output);
        Assert.Equal(S(3, 10), Net("[6, 10]", "  input.chunk(2) |> add").Output);
        Assert.Equal(S(6, 10), Net("[6, 10]", "  concat(input.chunk(2), dim: 0)").Output);
    }

    [Fact]
    public void Torch_chunk_may_give_fewer_pieces_than_asked()
    {
        var net = Net("[5]", "  (a, b, c) = input.chunk(4)\n  concat(a, b, c)");

        Assert.Equal(new[] { S(2), S(2), S(1) }, net.Rows.Take(3).Select(r => r.Output));
    }

    [Fact]
    public void A_discarded_name_is_not_bound_and_not_reported_unused()
    {
        var result = TestCompiler.Compile("network N {\n  input [4, 2]\n  (_, b) = input.chunk(2)\n  b\n}\n");

        result.AssertNoDiagnostics();
        Assert.Equal(S(2, 2), Assert.Single(result.Networks).Output);
    }

    [Fact]
    public void Concat_joins_any_axis()
    {
        Assert.Equal(S(2, 7), Net("[2, 3]", "  concat(input, input |> linear(4), dim: 1)").Output);
        Assert.Equal(S(4, 3), Net("[2, 3]", "  concat(input, input)").Output);
        Assert.Equal(S(2, 6), Net("[2, 3]", "  concat(input, input, dim: -1)").Output);
    }

    [Theory]
    [InlineData("input[:, 0:1, 0:1]", "input", "[4, 8, 8]")]
    [InlineData("input[0, 0]", "input", "[4, 8, 8]")]
    [InlineData("input[0, 0:1]", "input[:, 0:1, 0:1]", "[4, 1, 8]")]
    [InlineData("input", "input[0, 0, 0:1]", "[4, 8, 8]")]
    public void Add_broadcasts_as_numpy_aligned_at_the_last_axis(string a, string b, string output)
    {
        var net = Net("[4, 8, 8]", $"  {a} + {b}");

        Assert.Equal(output, net.Output.ToString());
    }

    [Fact]
    public void Mul_lets_a_vector_scale_the_channels_of_a_map_before_broadcasting()
    {
        // [8] with [8, 4, 8] could also broadcast along the width: the channels reading comes first, as before.
        var net = Net("[8, 4, 8]", "  input * (input |> global_avgpool)");

        Assert.Equal(S(8, 4, 8), net.Output);
    }

    [Fact]
    public void A_parenthesised_sum_times_a_number_is_arithmetic_not_an_unrolled_pipeline()
    {
        // Before arithmetic on values, '(f + 1) * 2' was taken for a pipeline to write out twice, and failed.
        Assert.Equal(S(10, 8, 8), Net("[3, 8, 8]", "  conv((f + 1) * 2, 1)", "(f = 4)").Output);
        Assert.Equal(S(6, 8, 8), Net("[3, 8, 8]", "  conv((input.channels) * 2, 1)").Output);
        Assert.Equal(S(3, 8, 8), Net("[3, 8, 8]", "  (input + 1) * 2").Output);
    }

    [Fact]
    public void Sizes_read_any_axis_and_the_rank()
    {
        var net = Net("[5, 6, 7]", "  flatten |> linear(input.size(-1) * 10 + input.size(0) + input.rank)");

        Assert.Equal(S(78), net.Output);
        Assert.Contains("(((input.Size(-1) * 10) + input.Size(0)) + input.Rank)", net.Text);
    }

    [Fact]
    public void Reshape_keeps_a_symbolic_axis_whole_as_its_minus_one()
    {
        var net = Net("[t <= 32, 12]", "  x = input.reshape(-1, 3, 4)\n  x.transpose(0, 1).reshape(3, -1, 4).permute(1, 0, 2).reshape(-1, 12)");

        Assert.Equal(Sym((32, "t"), (3, null), (4, null)), net["(reshape)"].Output);
        Assert.Equal(Sym((3, null), (32, "t"), (4, null)), net["(reshape2)"].Output);
        Assert.Equal(Sym((32, "t"), (12, null)), net.Output);
    }

    [Fact]
    public void The_first_and_last_elements_of_a_symbolic_axis_can_be_selected()
    {
        var net = Net("[t <= 32, 12]", "  concat(input[0], input[-1], input[:, 1::3][0])");

        Assert.Equal(S(28), net.Output);
    }

    [Fact]
    public void The_symbol_names_the_axis_it_sizes()
    {
        var result = TestCompiler.Compile("network N(context = 8) {\n  input [t <= context, 4]\n  linear(t)\n}\n");

        Assert.Equal("ND0214", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_generated_forward_checks_its_input_first()
    {
        var net = Net("[3, 8, 8]", "  relu");

        Assert.Contains("    public override Tensor forward(Tensor input)\n    {\n        NetDslLayers.CheckInput(input, InputShape, \"N\");\n", net.Text);
    }
}
