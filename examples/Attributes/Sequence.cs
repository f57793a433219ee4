using NetDsl;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Examples.Attributes;

// The C# form of examples/Networks/Sequence.net, and the same generated code. The sequence ops have typed attributes
// ([LayerNorm], [LayerNorm2d], [Embedding], [MultiheadAttention], [CausalSelfAttention], [GELU(Tanh = true)],
// [Linear(Weight = "...")]); learned tensors, positions and groups with named values live in [Layers] strings.

/// <summary>A transformer encoder layer as torchvision's ViT writes it.</summary>
[Block, Parameter("heads"), Parameter("mlp_dim")]
public partial class EncoderLayer
{
    [Layers("""
        x = input + (input |> ln_1: layer_norm(eps: 1e-6) |> self_attention: attention(heads))
        x + (x |> ln_2: layer_norm(eps: 1e-6) |> mlp: (linear(mlp_dim) |> gelu |> linear(input.size(-1))))
        """)]
    partial void Body();
}

/// <summary>A small vision transformer: a learned class token and position embedding.</summary>
[Network(1, 28, 28), Parameter("classes", 10), Parameter("patch", 4), Parameter("width", 32), Parameter("heads", 4), Parameter("depth", 2)]
public partial class TinyVit
{
    [Layers("""
        class_token = parameter(1, 1, width, batch_axis: true)
        patches = input |> conv_proj: conv(width, patch, stride: patch) |> .flatten(1) |> .permute(1, 0)
        tokens = concat(class_token, patches)
        pos_embedding = parameter(1, tokens.size(0), width, batch_axis: true, std: 0.02)
        x = tokens + pos_embedding |> encoder: EncoderLayer(heads, 2 * width) * depth |> ln: layer_norm(eps: 1e-6)
        x[0] |> head: linear(classes)
        """)]
    partial void Body();
}

/// <summary>nanoGPT's block with GPT-2's tanh GELU.</summary>
[Block, Parameter("heads")]
public partial class GptLayer
{
    [Layers("""
        x = input + (input |> ln_1: layer_norm |> attn: gpt_attention(heads))
        x + (x |> ln_2: layer_norm |> mlp: (c_fc: linear(4 * input.size(-1)) |> gelu(tanh: true) |> c_proj: linear(input.size(-1))))
        """)]
    partial void Body();
}

/// <summary>A small GPT whose output layer is its token embedding.</summary>
[Network("t <= context", TokenIds = true), Parameter("vocab", 64), Parameter("context", 32), Parameter("width", 32), Parameter("heads", 4), Parameter("depth", 2)]
public partial class TinyGpt
{
    [Layers("""
        transformer: {
          tok = input |> wte: embedding(vocab, width)
          pos = input.positions(0) |> wpe: embedding(context, width)
          tok + pos |> h: GptLayer(heads) * depth |> ln_f: layer_norm
        }
        """)]
    partial void Transformer();

    [Label("lm_head"), Linear("vocab", Bias = false, Weight = "transformer.wte.weight")]
    public partial Module<Tensor, Tensor> LmHead { get; }
}

/// <summary>ConvNeXt's block with its learned scale per channel.</summary>
[Block, Parameter("scale", 1e-6)]
public partial class ConvNextLayer
{
    [Layers("""
        layer_scale = parameter(input.channels, 1, 1, fill: scale)
        y = input |> body: (depthwise(7, padding: 3) |> permute(1, 2, 0) |> layer_norm(eps: 1e-6) |> linear(4 * input.channels) |> gelu |> linear(input.channels) |> permute(2, 0, 1))
        layer_scale * y + input
        """)]
    partial void Body();
}

/// <summary>A small ConvNeXt: LayerNorm2d in the stem, a layer norm in the head.</summary>
[Network(1, 28, 28), Parameter("classes", 10)]
public partial class TinyConvNext
{
    [Conv2d(32, 4, Stride = 4), LayerNorm2d(Eps = 1e-6)]
    public partial Sequential Stem { get; }

    [Call(typeof(ConvNextLayer), Repeat = 2), GlobalAvgPool2d]
    partial void Features();

    [LayerNorm(Eps = 1e-6), Linear("classes")]
    public partial Sequential Head { get; }
}

/// <summary>The sequence ops as stages, with typed attributes.</summary>
[Network("t <= 16", TokenIds = true), Parameter("vocab", 100), Parameter("width", 32), Parameter("tags", 5)]
public partial class TokenTagger
{
    [Embedding("vocab", "width")]
    public partial Module<Tensor, Tensor> Embed { get; }

    [LayerNorm, MultiheadAttention(4, Causal = true)]
    public partial Sequential Attend { get; }

    [Label("attend_gpt"), LayerNorm(Bias = false), CausalSelfAttention(4, Dropout = 0.1, Bias = false), GELU(Tanh = true)]
    partial void AttendGpt();

    [Linear("tags")]
    public partial Module<Tensor, Tensor> Tag { get; }
}

/// <summary>Cross-attention on a memory, after a non-trainable buffer.</summary>
[Block("queries", "memory"), Parameter("heads", 4)]
public partial class Decoder
{
    [Layers("""
        offset = buffer(1, queries.size(-1), batch_axis: true, fill: 0.5)
        (queries + offset, memory) |> cross: attention(heads)
        """)]
    partial void Body();
}
