using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Tests.Zoo;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.References.PyTorchReferences;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Layers;

/// <summary>
/// The sequence ops and the blocks of ViT, GPT, ConvNeXt and Swin that use them (Networks/Sequence.net) against PyTorch:
/// References/*.pt are the reference modules' state_dicts saved by PyTorch 1.13 (torchvision 0.14's modules, nanoGPT's
/// model.py) and their output on a seeded input, written by References/make_references.py. Each reference loads through
/// the runtime's own loader, strictly, so keys, shapes and dtypes are PyTorch's; then the generated module's output is
/// the reference's. Where TorchSharp has the module (nn.LayerNorm, nn.MultiheadAttention) it is compared too.
/// </summary>
public sealed class SequenceOpTests
{
    /// <summary>
    /// A module's state_dict keys in PyTorch's order: each module's own entries (parameters, buffers; a tied weight is its
    /// module's own key too), then its children's, depth first; a module reached twice counts once.
    /// </summary>
    private static IEnumerable<string> PyTorchOrder(nn.Module module, string prefix = "", HashSet<object>? seen = null)
    {
        seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var key in module.state_dict().Keys.Where(k => !k.Contains('.'))) yield return prefix + key;
        foreach (var (name, child) in module.named_children())
        {
            if (!seen.Add(child)) continue;
            foreach (var key in PyTorchOrder(child, prefix + name + ".", seen)) yield return key;
        }
    }

    public static TheoryData<string, string> SingleOps => new()
    {
        { "layer_norm", "LayerNormNet" },
        { "layer_norm_two_axes", "LayerNormTwoAxes" },
        { "layer_norm_no_bias", "LayerNormNoBias" },
        { "layer_norm2d", "LayerNorm2dNet" },
        { "embedding", "EmbeddingNet" },
        { "attention", "AttentionNet" },
        { "attention_no_bias", "AttentionNetNoBias" },
        { "gpt_attention", "GptAttentionNet" },
    };

    private static nn.Module<Tensor, Tensor> Build(string network) => network switch
    {
        "LayerNormNet" => new LayerNormNet(),
        "LayerNormTwoAxes" => new LayerNormTwoAxes(),
        "LayerNormNoBias" => new LayerNormNoBias(),
        "LayerNorm2dNet" => new LayerNorm2dNet(),
        "EmbeddingNet" => new EmbeddingNet(),
        "AttentionNet" => new AttentionNet(),
        "AttentionNetNoBias" => new AttentionNet(heads: 2, bias: false),
        "GptAttentionNet" => new GptAttentionNet(),
        _ => throw new ArgumentException(network),
    };

    [Theory]
    [MemberData(nameof(SingleOps))]
    public void An_op_loads_its_references_state_dict_and_computes_its_output(string reference, string network)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = Build(network);
        var label = model.named_children().First().name;

        var report = model.LoadWeights(Reference(reference + ".pt"), new WeightLoadOptions { AddPrefix = label + "." });
        model.eval();
        var io = Io(reference);

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys(reference).Select(k => label + "." + k), PyTorchOrder(model));
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Theory]
    [InlineData("gelu", false)]
    [InlineData("gelu_tanh", true)]
    public void Gelu_is_exact_or_the_tanh_approximation_as_pytorchs(string reference, bool tanh)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var io = Io(reference);

        var output = new GeluNet(tanh: tanh).call(io["input"]);

        AssertClose(io["output"], output);
        Assert.False(allclose(Io(tanh ? "gelu" : "gelu_tanh")["output"], output, rtol: 1e-6, atol: 1e-6), "the variants differ on this input");
    }

    [Fact]
    public void A_causal_mask_lets_each_token_attend_to_itself_and_those_before_it()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new AttentionNet(causal: true);
        model.LoadWeights(Reference("attention.pt"), new WeightLoadOptions { AddPrefix = "attn." });
        model.eval();
        var io = Io("attention_causal");

        var output = model.call(io["input"]);

        AssertClose(io["output"], output);
        // The first token sees only itself: changing the later ones leaves it as it was.
        var changed = io["input"].clone();
        changed[TensorIndex.Colon, TensorIndex.Slice(1)] = randn(2, 4, 16);
        AssertClose(output[TensorIndex.Colon, 0], model.call(changed)[TensorIndex.Colon, 0]);
    }

    [Theory]
    [InlineData("cross_attention", 16)]
    [InlineData("cross_attention_other_width", 12)]
    public void Cross_attention_takes_queries_and_a_memory_in_nn_MultiheadAttentions_layout(string reference, long memoryWidth)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new CrossAttention(new Shape(5, 16), new Shape(7, memoryWidth));
        var report = model.LoadWeights(Reference(reference + ".pt"), new WeightLoadOptions { AddPrefix = "attn." });
        model.eval();
        var io = Io(reference);

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys(reference).Select(k => "attn." + k), PyTorchOrder(model));
        AssertClose(io["output"], model.call(io["input"], io["memory"]));
    }

    [Fact]
    public void Attention_computes_what_torchsharps_own_MultiheadAttention_computes_with_the_same_weights()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new AttentionNet();
        model.LoadWeights(Reference("attention.pt"), new WeightLoadOptions { AddPrefix = "attn." });
        model.eval();
        // TorchSharp's module (libtorch's C++ MultiheadAttention) has the same keys: the reference loads into it as it is.
        var torchSharp = nn.MultiheadAttention(16, 4);
        torchSharp.LoadWeights(Reference("attention.pt"));
        torchSharp.eval();
        var input = Io("attention")["input"];

        // Its layout is sequence first.
        var sequenceFirst = input.transpose(0, 1);
        var expected = torchSharp.call(sequenceFirst, sequenceFirst, sequenceFirst, need_weights: false).Item1.transpose(0, 1);

        AssertClose(expected, model.call(input));
    }

    [Fact]
    public void Layer_norm2d_is_torchsharps_layer_norm_over_each_pixels_channels()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new LayerNorm2dNet();
        model.LoadWeights(Reference("layer_norm2d.pt"), new WeightLoadOptions { AddPrefix = "norm." });
        var torchSharp = nn.LayerNorm(8, eps: 1e-6);
        torchSharp.LoadWeights(Reference("layer_norm2d.pt"));
        var input = Io("layer_norm2d")["input"];

        var expected = torchSharp.call(input.permute(0, 2, 3, 1)).permute(0, 3, 1, 2);

        AssertClose(expected, model.call(input));
    }

    [Fact]
    public void Vits_encoder_block_has_torchvisions_keys_in_order_and_output()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new EncoderBlock(new Shape(5, 16), heads: 4, mlp_dim: 32);
        var report = model.LoadWeights(Reference("vit_encoder_block.pt"));
        model.eval();
        var io = Io("vit_encoder_block");

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys("vit_encoder_block"), PyTorchOrder(model));
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void A_small_vit_with_class_token_and_position_embedding_is_torchvisions_vision_transformer()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new VitTiny();
        var report = model.LoadWeights(Reference("vit_tiny.pt"));
        model.eval();
        var io = Io("vit_tiny");

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys("vit_tiny"), PyTorchOrder(model));
        // PyTorch stores the class token and the position embedding with their batch axis of 1.
        Assert.Equal(new long[] { 1, 1, 16 }, model.state_dict()["class_token"].shape);
        Assert.Equal(new long[] { 1, 5, 16 }, model.state_dict()["encoder.pos_embedding"].shape);
        Assert.Equal(VitTiny.ParameterCount, model.parameters().Sum(p => p.numel()));
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Theory]
    [InlineData("gpt_tiny", true)]
    [InlineData("gpt_tiny_no_bias", false)]
    public void A_small_gpt_is_nanogpts_with_the_token_embedding_and_the_output_layer_tied(string reference, bool bias)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new GptTiny(bias: bias);
        var report = model.LoadWeights(Reference(reference + ".pt"));
        model.eval();
        var io = Io(reference);

        // Both keys, as in PyTorch's state_dict; one parameter, counted once, as nanoGPT's parameters() does.
        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys(reference), PyTorchOrder(model));
        Assert.Contains("lm_head.weight", model.state_dict().Keys);
        Assert.DoesNotContain("lm_head.weight", model.named_parameters().Select(p => p.name));
        var unique = ReferenceKeys(reference).Where(k => k != "lm_head.weight").Sum(k => model.state_dict()[k].numel());
        Assert.Equal(unique, model.parameters().Sum(p => p.numel()));
        if (bias) Assert.Equal(GptTiny.ParameterCount, unique);
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void Tied_weights_stay_one_tensor_through_training_saving_loading_and_a_dtype_move()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new GptTiny();
        model.LoadWeights(Reference("gpt_tiny.pt"));
        var ids = Io("gpt_tiny")["input"];

        // A step of training changes the shared weight once, and both names see it.
        var optimizer = optim.SGD(model.parameters(), 0.1);
        nn.functional.cross_entropy(model.call(ids).reshape(-1, 13), ids.reshape(-1)).backward();
        optimizer.step();
        var state = model.state_dict();
        Assert.True(state["lm_head.weight"].eq(state["transformer.wte.weight"]).all().item<bool>());

        // Saved with both keys, loaded into a fresh model: the same output.
        var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder, "gpt.pt");
        model.SaveWeights(path);
        using (var file = WeightFile.Open(path)) Assert.Equal(model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal), file.Tensors.Select(t => t.Name).OrderBy(k => k, StringComparer.Ordinal));
        var loaded = new GptTiny();
        loaded.LoadWeights(path);
        model.eval();
        loaded.eval();
        AssertClose(model.call(ids), loaded.call(ids), 1e-6);

        // A dtype move: the output layer follows the embedding's moved weight.
        var expected = model.call(ids).to(ScalarType.Float64);
        model.to(ScalarType.Float64);
        AssertClose(expected, model.call(ids), 1e-5);
        Assert.Equal(ScalarType.Float64, model.state_dict()["lm_head.weight"].dtype);
    }

    [Fact]
    public void An_embedding_may_take_an_earlier_linear_layers_weight()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new TiedBack();
        var ids = tensor(new long[] { 3, 0, 6, 2, 2, 5 }).reshape(2, 3);
        var weight = model.state_dict()["proj.weight"];

        var output = model.call(ids);

        AssertClose(weight[ids], output[TensorIndex.Ellipsis, TensorIndex.Slice(7)]);
        Assert.Equal(new[] { "pos.weight", "proj.weight", "proj.bias", "emb.weight" }, PyTorchOrder(model));
        Assert.Equal(TiedBack.ParameterCount, model.parameters().Sum(p => p.numel()));
        Assert.Equal(5 * 4 + 7 * 4 + 7, TiedBack.ParameterCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void Positions_follow_the_length_of_the_sequence_up_to_its_bound(long length)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new GptTiny();
        model.LoadWeights(Reference("gpt_tiny.pt"));
        model.eval();
        var ids = Io("gpt_tiny")["input"];
        var longer = cat(new[] { ids, ids }, 1)[TensorIndex.Colon, TensorIndex.Slice(0, length)];

        var output = model.call(longer);

        Assert.Equal(new long[] { 2, length, 13 }, output.shape);
        // Causal: a prefix of the sequence gives the same outputs as the whole sequence does for those positions.
        var full = model.call(cat(new[] { ids, ids }, 1)[TensorIndex.Colon, TensorIndex.Slice(0, 8)]);
        AssertClose(full[TensorIndex.Colon, TensorIndex.Slice(0, length)], output);
    }

    [Fact]
    public void A_sequence_longer_than_its_bound_is_refused_before_any_layer_runs()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ShapeException>(() => new GptTiny().call(zeros(new long[] { 1, 9 }, dtype: ScalarType.Int64)));

        Assert.Equal("ND0216", error.Error.Id);
    }

    [Fact]
    public void Convnexts_cnblock_has_torchvisions_keys_in_order_and_output()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new CNBlock(new Shape(8, 7, 7));
        var rename = new WeightLoadOptions { Rename = new Dictionary<string, string> { ["block"] = "body" } };
        var report = model.LoadWeights(Reference("convnext_block.pt"), rename);
        model.eval();
        var io = Io("convnext_block");

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys("convnext_block").Select(k => k.Replace("block.", "body.")), PyTorchOrder(model));
        Assert.Equal(new long[] { 8, 1, 1 }, model.state_dict()["layer_scale"].shape);
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void Swins_patch_merging_has_torchvisions_keys_and_output()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new SwinMerging();
        var report = model.LoadWeights(Reference("swin_patch_merging.pt"), new WeightLoadOptions { AddPrefix = "merge." });
        model.eval();
        var io = Io("swin_patch_merging");

        // torchvision registers 'reduction' before 'norm' but applies norm first: the declared layer keeps that order.
        Assert.True(report.IsExactMatch);
        Assert.Equal(new[] { "reduction.weight", "norm.weight", "norm.bias" }, ReferenceKeys("swin_patch_merging"));
        Assert.Equal(ReferenceKeys("swin_patch_merging").Select(k => "merge." + k), PyTorchOrder(model));
        // The reference's [N, H, W, C] is [N, C, H, W] here before the network's own permute.
        AssertClose(io["output"], model.call(io["input"].permute(0, 3, 1, 2)));
    }

    [Fact]
    public void Dropout_of_gpt_attention_acts_on_the_attention_weights_and_on_the_output_while_training()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new GptAttentionNet(dropout: 0.5);
        model.LoadWeights(Reference("gpt_attention.pt"), new WeightLoadOptions { AddPrefix = "attn." });
        var io = Io("gpt_attention");

        model.eval();
        AssertClose(io["output"], model.call(io["input"]));
        model.train();
        var output = model.call(io["input"]);

        // The output's own dropout (nanoGPT's resid_dropout) zeroes about half of it; the weights' dropout alone would not.
        var zeroed = output.eq(0).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(zeroed, 0.35f, 0.65f);
    }

    [Theory]
    [InlineData("vit_tiny")]
    [InlineData("layer_norm2d")]
    [InlineData("cross_attention_other_width")]
    [InlineData("gpt_attention")]
    public void Every_sequence_module_computes_the_same_after_a_move_to_float64(string reference)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var io = Io(reference);
        var (model, call) = reference switch
        {
            "vit_tiny" => Wrap(new VitTiny(), "", io),
            "layer_norm2d" => Wrap(new LayerNorm2dNet(), "norm.", io),
            "gpt_attention" => Wrap(new GptAttentionNet(), "attn.", io),
            _ => WrapCross(new CrossAttention(new Shape(5, 16), new Shape(7, 12)), io),
        };
        model.LoadWeights(Reference(reference + ".pt"), new WeightLoadOptions { AddPrefix = reference == "vit_tiny" ? null : call.Prefix });
        model.eval();

        model.to(ScalarType.Float64);
        var output = call.Run(ScalarType.Float64);

        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.All(model.state_dict().Values, tensor => Assert.Equal(ScalarType.Float64, tensor.dtype));
        AssertClose(io["output"].to(ScalarType.Float64), output, 1e-4);
    }

    private sealed record Call(string Prefix, Func<ScalarType, Tensor> Run);

    private static (nn.Module, Call) Wrap(nn.Module<Tensor, Tensor> model, string prefix, Dictionary<string, Tensor> io) =>
        (model, new Call(prefix, type => model.call(io["input"].to(type))));

    private static (nn.Module, Call) WrapCross(CrossAttention model, Dictionary<string, Tensor> io) =>
        (model, new Call("attn.", type => model.call(io["input"].to(type), io["memory"].to(type))));

    [Fact]
    public void A_learned_parameter_and_buffer_load_from_a_pytorch_modules_own_parameter_and_buffer()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Learned(new Shape(3, 4));
        var report = model.LoadWeights(Reference("learned_tensors.pt"));
        var io = Io("learned_tensors");

        Assert.True(report.IsExactMatch);
        Assert.Equal(ReferenceKeys("learned_tensors"), PyTorchOrder(model));
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void Learned_tensors_are_the_scopes_own_state_a_parameter_trained_a_buffer_kept_and_both_moved_by_to()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Learned(new Shape(3, 4));
        var input = randn(2, 3, 4);

        Assert.Equal(new[] { "scale" }, model.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "offset" }, model.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "scale", "offset" }, PyTorchOrder(model));
        Assert.Equal(new long[] { 1, 4 }, model.state_dict()["offset"].shape);
        Assert.True(model.state_dict()["offset"].eq(2).all().item<bool>());
        var scale = model.state_dict()["scale"];
        Assert.InRange(scale.std().item<float>(), 0.05f, 2f);
        var expected = input * scale + 2;
        AssertClose(expected, model.call(input));

        // .to() replaces (and frees) the tensors it moves: the module reads the moved ones.
        model.to(ScalarType.Float64);
        var moved = model.call(input.to(ScalarType.Float64));

        Assert.Equal(ScalarType.Float64, moved.dtype);
        Assert.Equal(ScalarType.Float64, model.named_buffers().Single().buffer.dtype);
        AssertClose(expected.to(ScalarType.Float64), moved);
    }
}
