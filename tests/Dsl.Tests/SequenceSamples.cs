namespace NetDsl.DslTests;

/// <summary>
/// The networks of issue #13 that the sequence ops express, written from their reference source (torchvision 0.14's
/// vision_transformer.py and convnext.py, nanoGPT's model.py) with the ops of this language. Repetitions name their
/// copies 0, 1, ... (torchvision's "encoder_layer_{i}" names are template labels, a separate feature); keys and counts
/// are otherwise the references'.
/// </summary>
public static class SequenceSamples
{
    /// <summary>torchvision's vit_b_16: EncoderBlock, Encoder (pos_embedding), VisionTransformer (class_token).</summary>
    public const string VitB16 = """
        block EncoderBlock(heads, mlp_dim, dropout = 0.0, attention_dropout = 0.0) {
          x = input + (input |> ln_1: layer_norm(eps: 1e-6) |> self_attention: attention(heads, dropout: attention_dropout) |> dropout: dropout(dropout))
          x + (x |> ln_2: layer_norm(eps: 1e-6) |> mlp: (linear(mlp_dim) |> gelu |> dropout(dropout) |> linear(input.size(-1)) |> dropout(dropout)))
        }
        block Encoder(seq_length, layers, heads, mlp_dim, dropout = 0.0, attention_dropout = 0.0) {
          pos_embedding = parameter(1, seq_length, input.size(-1), batch_axis: true, std: 0.02)
          input + pos_embedding |> dropout: dropout(dropout) |> layers: EncoderBlock(heads, mlp_dim, dropout, attention_dropout) * layers |> ln: layer_norm(eps: 1e-6)
        }
        network VitB16(image = 224, patch = 16, layers = 12, heads = 12, width = 768, mlp_dim = 3072, classes = 1000) {
          input [3, image, image]
          class_token = parameter(1, 1, width, batch_axis: true)
          patches = input |> conv_proj: conv(width, patch, stride: patch) |> .flatten(1) |> .permute(1, 0)
          tokens = concat(class_token, patches) |> encoder: Encoder((image / patch) * (image / patch) + 1, layers, heads, mlp_dim)
          tokens[0] |> heads: (head: linear(classes))
        }
        """;

    /// <summary>nanoGPT's GPT at GPT-2 small's configuration (vocabulary 50,257), with the input and output embeddings tied.</summary>
    public const string Gpt2 = """
        block GptBlock(heads, dropout = 0.0, bias = true) {
          x = input + (input |> ln_1: layer_norm(bias: bias) |> attn: gpt_attention(heads, dropout: dropout, bias: bias))
          x + (x |> ln_2: layer_norm(bias: bias) |> mlp: (c_fc: linear(4 * input.size(-1), bias: bias) |> gelu |> c_proj: linear(input.size(-1), bias: bias) |> dropout(dropout)))
        }
        network Gpt2(vocab = 50257, context = 1024, layers = 12, heads = 12, width = 768, dropout = 0.0, bias = true) {
          input tokens [t <= context]
          transformer: {
            tok = input |> wte: embedding(vocab, width)
            pos = input.positions(0) |> wpe: embedding(context, width)
            tok + pos |> drop: dropout(dropout) |> h: GptBlock(heads, dropout, bias) * layers |> ln_f: layer_norm(bias: bias)
          }
          lm_head: linear(vocab, bias: false, weight: transformer.wte.weight)
        }
        """;

    /// <summary>
    /// torchvision's convnext_tiny, stochastic depth written as identity (what it is in evaluation, and it has no keys).
    /// CNBlock's child is 'block' in torchvision, a keyword here until quoted labels ("block": ...) land: 'body' stands for it.
    /// </summary>
    public const string ConvNeXtTiny = """
        block CNBlock(scale = 1e-6) {
          layer_scale = parameter(input.channels, 1, 1, fill: scale)
          y = input |> body: (depthwise(7, padding: 3) |> permute(1, 2, 0) |> layer_norm(eps: 1e-6) |> linear(4 * input.channels) |> gelu |> linear(input.channels) |> permute(2, 0, 1))
          (layer_scale * y |> stochastic_depth: identity) + input
        }
        block Stem(f) = conv(f, 4, stride: 4) |> layer_norm2d(eps: 1e-6)
        block Downsample(f) = layer_norm2d(eps: 1e-6) |> conv(f, 2, stride: 2)
        network ConvNeXtTiny(classes = 1000) {
          input [3, 224, 224]
          features: (Stem(96) |> CNBlock() * 3 |> Downsample(192) |> CNBlock() * 3 |> Downsample(384) |> CNBlock() * 9 |> Downsample(768) |> CNBlock() * 3)
          avgpool: adaptive_avgpool(1)
          classifier: (layer_norm2d(eps: 1e-6) |> flatten |> linear(classes))
        }
        """;
}
