using NetDsl.Runtime.Weights;
using NetDsl.Zoo;
using Xunit;
using static NetDsl.Runtime.Tests.References.PyTorchReferences;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// The zoo's declarations of ViT-B/16 and GPT-2 at a small configuration, and ConvNeXt's block, against their
/// references at the same configuration (References/vit_tiny: torchvision 0.14's VisionTransformer(image_size 8, patch_size 4, num_layers 2, num_heads 2,
/// hidden_dim 16, mlp_dim 32, num_classes 5); References/gpt_tiny: nanoGPT's GPT(block_size 8, vocab_size 13, n_layer 2,
/// n_head 2, n_embd 16); References/swin_tiny: torchvision's SwinTransformer(patch_size [4, 4], embed_dim 2, depths [2, 2, 6, 2],
/// num_heads [1, 2, 4, 8], window_size [2, 2], stochastic_depth_prob 0.2, num_classes 5) on 32x32 images;
/// References/convnext_block: torchvision's CNBlock(8, 1e-6, 0.0)): the reference's state_dict
/// loads strictly, and the output on its input is the reference's.
/// Full size, ZooNetworkTests checks the counts, keys and shapes.
/// </summary>
public sealed class ReferenceOutputTests
{
    [Fact]
    public void VitB16s_declaration_at_a_small_size_is_torchvisions_vision_transformer()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new VitB16(image_size: 8, patch_size: 4, num_layers: 2, num_heads: 2, hidden_dim: 16, mlp_dim: 32, num_classes: 5);
        var report = model.LoadWeights(Reference("vit_tiny.pt"));
        model.eval();
        var io = Io("vit_tiny");

        Assert.True(report.IsExactMatch);
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Theory]
    [InlineData("gpt_tiny", true)]
    [InlineData("gpt_tiny_no_bias", false)]
    public void Gpt2s_declaration_at_a_small_size_is_nanogpts_gpt(string reference, bool bias)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Gpt2(vocab_size: 13, block_size: 8, n_layer: 2, n_head: 2, n_embd: 16, bias: bias);
        var report = model.LoadWeights(Reference(reference + ".pt"));
        model.eval();
        var io = Io(reference);

        Assert.True(report.IsExactMatch);
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void SwinTs_declaration_at_a_small_size_is_torchvisions_swin_transformer()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new SwinT(embed_dim: 2, num_heads: 1, window_size: 2, num_classes: 5, image_size: 32);
        var report = model.LoadWeights(Reference("swin_tiny.pt"));
        model.eval();
        var io = Io("swin_tiny");

        Assert.True(report.IsExactMatch);
        AssertClose(io["output"], model.call(io["input"]));
    }

    [Fact]
    public void ConvNeXts_block_is_torchvisions_cnblock()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new NetDsl.Zoo.CNBlock(new Shape(8, 7, 7)); // not Networks/Sequence.net's twin, whose namespace is nearer
        var report = model.LoadWeights(Reference("convnext_block.pt"));
        model.eval();
        var io = Io("convnext_block");

        Assert.True(report.IsExactMatch);
        AssertClose(io["output"], model.call(io["input"]));
    }
}
