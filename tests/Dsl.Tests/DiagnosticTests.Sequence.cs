using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

// The diagnostics of the sequence ops: layer norms, embeddings and positions, attention, learned tensors, tied weights.
public sealed partial class DiagnosticTests
{
    [Fact]
    public void ND0220_a_normalised_shape_that_is_not_the_inputs_last_axes()
    {
        var diagnostic = TestCompiler.Single(Net("  [|layer_norm(768)|]", input: "[t <= 197, 512]"), "ND0220");

        Assert.Equal("layer_norm at '0' normalises [768] but its input [t, 512] ends with [512]; write layer_norm(512), or leave the shape out to normalise the last axis whatever its size", diagnostic.Message);
    }

    [Fact]
    public void ND0220_more_normalised_axes_than_the_input_has_a_map_and_layer_norm2d()
    {
        var axes = TestCompiler.Single(Net("  [|layer_norm((2, 4, 8))|]", input: "[4, 8]"), "ND0220");
        Assert.Equal("layer_norm at '0' normalises the last 3 axes, [2, 4, 8], but its input [4, 8] has 2 axes; give as many sizes as the axes to normalise", axes.Message);

        var map = TestCompiler.Single(Net("  [|layer_norm|]", input: "[96, 56, 56]"), "ND0220");
        Assert.Equal("layer_norm at '0' normalises the last axis of its input [96, 56, 56], the width of a map [C, H, W]; to normalise each pixel's channels use layer_norm2d (torchvision's LayerNorm2d) or permute(1, 2, 0) first, to normalise the whole map give its shape: layer_norm((96, 56, 56))", map.Message);

        var channels = TestCompiler.Single(Net("  [|layer_norm2d(64)|]", input: "[96, 56, 56]"), "ND0220");
        Assert.Equal("layer_norm2d at '0' normalises 64 channels but its input [96, 56, 56] has 96; write layer_norm2d(96), or leave the channels out (they are inferred)", channels.Message);

        var twoAxes = TestCompiler.Single(Net("  [|layer_norm((7, 768))|]", input: "[3, 8, 768]"), "ND0220");
        Assert.Equal("layer_norm at '0' normalises [7, 768] but its input [3, 8, 768] ends with [8, 768]; write layer_norm((8, 768)), or leave the shape out to normalise the last axis whatever its size", twoAxes.Message);
    }

    [Fact]
    public void ND0221_heads_that_do_not_divide_the_width()
    {
        var diagnostic = TestCompiler.Single(Net("  [|attention(12)|]", input: "[t <= 64, 700]"), "ND0221");

        Assert.Equal("attention at '0' with 12 heads needs a width divisible by 12, but its input [t, 700] has 700 features; use a width of 696 or 708, or 10 or 14 heads", diagnostic.Message);
    }

    [Fact]
    public void ND0221_in_nanogpts_layout_and_with_a_prime_width()
    {
        var gpt = TestCompiler.Single(Net("  [|gpt_attention(heads)|]", input: "[t <= 64, 768]", parameters: "(heads = 10)"), "ND0221");
        Assert.Equal("gpt_attention at '0' with 10 heads needs a width divisible by 10, but its input [t, 768] has 768 features; use a width of 760 or 770, or 8 or 12 heads", gpt.Message);

        var prime = TestCompiler.Single(Net("  [|attention(4)|]", input: "[8, 7]"), "ND0221");
        Assert.Equal("attention at '0' with 4 heads needs a width divisible by 4, but its input [8, 7] has 7 features; use a width of 4 or 8, or 1 or 7 heads", prime.Message);
    }

    [Fact]
    public void ND0222_a_causal_mask_between_queries_and_a_memory_of_another_length()
    {
        var diagnostic = TestCompiler.Single(Net("  memory = input[0:8]\n  (input, memory) |> [|attention(4, causal: true)|]", input: "[16, 64]"), "ND0222");

        Assert.Equal("attention at '0' has a causal mask, which needs a key for every query, but attends from 16 queries ([16, 64]) to 8 keys ([8, 64]); a causal mask is for self-attention: remove causal: true, or attend to a memory of the same length", diagnostic.Message);
    }

    [Fact]
    public void ND0222_is_not_reported_for_a_memory_of_the_same_symbolic_length()
    {
        var network = TestCompiler.Network(Net("  memory = input |> linear(32)\n  (input, memory) |> attention(4, causal: true)", input: "[t <= 16, 64]"));

        Assert.Equal("[t, 64]", network.Output.ToString());
    }

    [Fact]
    public void ND0223_a_position_embedding_shorter_than_the_sequence()
    {
        var diagnostic = TestCompiler.Single(
            "network N(context = 1024) {\n  input tokens [t <= context]\n  tok = input |> wte: embedding(50257, 768)\n  pos = input.positions(0) |> wpe: [|embedding(512, 768)|]\n  tok + pos\n}\n", "ND0223");

        Assert.Equal("embedding at 'wpe' has 512 rows but looks up the positions of t, 0 to 1023 (its bound is 1024): a position embedding shorter than the sequence; give it 1024 rows, or bound t by 512", diagnostic.Message);
    }

    [Fact]
    public void ND0223_positions_of_a_fixed_axis()
    {
        var diagnostic = TestCompiler.Single(Net("  input.positions(1) |> [|embedding(8, 4)|]", input: "[3, 10]"), "ND0223");

        Assert.Equal("embedding at '0' has 8 rows but looks up 10 positions (0 to 9): a position embedding shorter than the sequence; give it 10 rows", diagnostic.Message);
    }

    [Fact]
    public void ND0224_attention_on_a_map_or_a_vector()
    {
        var map = TestCompiler.Single(Net("  [|attention(8)|]", input: "[64, 8, 8]"), "ND0224");
        Assert.Equal("attention at '0' attends over a sequence [tokens, features], but its input is [64, 8, 8]; make the map's pixels tokens first: .flatten(1).permute(1, 0) gives [64, 64]", map.Message);

        var vector = TestCompiler.Single(Net("  [|gpt_attention(2)|]", input: "[64]"), "ND0224");
        Assert.Equal("gpt_attention at '0' attends over a sequence [tokens, features], but its input is [64]; a single vector is one token: reshape(1, -1)", vector.Message);

        var memory = TestCompiler.Single(Net("  (input, input.reshape(-1, 2, 8)) |> [|attention(2)|]", input: "[t <= 8, 16]"), "ND0224");
        Assert.Equal("attention at '0' attends over a sequence [tokens, features], but its memory (input 2) is [t, 2, 8]; reshape it to [tokens, features] first", memory.Message);
    }

    [Fact]
    public void ND0225_a_tied_weight_of_another_shape()
    {
        var diagnostic = TestCompiler.Single(Net("  wte: embedding(1000, 64)\n  lm_head: linear(1024, bias: false, weight: [|wte.weight|])", input: "tokens [t <= 64]"), "ND0225");

        Assert.Equal("linear at 'lm_head' takes its weight from 'wte.weight', which is [1000, 64], but its weight is [1024, 64]; tie layers whose weights have the same shape (an output layer over the vocabulary and the token embedding: linear(vocab, bias: false) and embedding(vocab, width))", diagnostic.Message);
    }

    [Fact]
    public void ND0225_a_tied_weight_that_no_earlier_layer_has()
    {
        var later = TestCompiler.Single(Net("  x = input |> linear(8, weight: [|head.weight|])\n  x |> head: linear(8)", input: "[4, 8]"), "ND0225");
        Assert.Equal("linear at '0' takes its weight from 'head.weight', but no earlier layer of its scope has that parameter; name the parameter of a layer declared before this one in the same network, block or group, e.g. transformer.wte.weight", later.Message);

        var activation = TestCompiler.Single(Net("  act: relu\n  linear(8, weight: [|act.weight|])", input: "[4, 8]"), "ND0225");
        Assert.StartsWith("linear at '1' takes its weight from 'act.weight', but no earlier layer", activation.Message);

        var chained = TestCompiler.Single(Net("  a: linear(8)\n  b: linear(8, weight: a.weight)\n  linear(8, weight: [|b.weight|])", input: "[4, 8]"), "ND0225");
        Assert.Equal("linear at '2' takes its weight from 'b.weight', which is itself taken from 'a.weight'; name the layer that owns it, 'a.weight'", chained.Message);
    }

    [Fact]
    public void ND0226_floats_into_an_embedding()
    {
        var diagnostic = TestCompiler.Single(Net("  [|embedding(1000, 64)|]", input: "[t <= 64]"), "ND0226");

        Assert.Equal("embedding at '0' looks up token ids but receives floats [t]; declare the network's input as ids, input tokens [t <= context], or look up positions, x.positions(0)", diagnostic.Message);
    }
}
