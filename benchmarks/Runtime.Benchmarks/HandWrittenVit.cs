using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The zoo's VitB16 (torchvision's vit_b_16) written by hand in TorchSharp the fast way: torchvision's modules and
/// state_dict keys, and self-attention as nn.MultiheadAttention computes it with need_weights=False (one fused input
/// projection, then scaled_dot_product_attention), since TorchSharp's MultiheadAttention runs libtorch's C++ module,
/// which materialises the attention weights.
/// </summary>
public sealed class HandWrittenVit : Module<Tensor, Tensor>
{
    private readonly Parameter class_token;
    private readonly Conv2d conv_proj;
    private readonly VitEncoder encoder;
    private readonly Sequential heads;

    public HandWrittenVit(long imageSize = 224, long patchSize = 16, long layers = 12, long numHeads = 12, long hiddenDim = 768, long mlpDim = 3072, long classes = 1000)
        : base(nameof(HandWrittenVit))
    {
        class_token = Parameter(zeros(1, 1, hiddenDim));
        conv_proj = Conv2d(3, hiddenDim, patchSize, stride: patchSize);
        var tokens = (imageSize / patchSize) * (imageSize / patchSize) + 1;
        encoder = new VitEncoder(tokens, layers, numHeads, hiddenDim, mlpDim);
        heads = Sequential(("head", Linear(hiddenDim, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        var batch = images.shape[0];
        var patches = conv_proj.call(images).flatten(2).transpose(1, 2);
        var x = cat(new[] { class_token.expand(batch, -1, -1), patches }, 1);
        return heads.call(encoder.call(x).select(1, 0));
    }

    internal sealed class VitEncoder : Module<Tensor, Tensor>
    {
        private readonly Parameter pos_embedding;
        private readonly Dropout dropout;
        private readonly Sequential layers;
        private readonly LayerNorm ln;

        public VitEncoder(long tokens, long count, long numHeads, long hiddenDim, long mlpDim) : base("encoder")
        {
            pos_embedding = Parameter(empty(1, tokens, hiddenDim).normal_(0, 0.02));
            dropout = Dropout(0.0);
            layers = Sequential();
            for (var i = 0; i < count; i++)
                layers.append($"encoder_layer_{i}", new EncoderBlock(numHeads, hiddenDim, mlpDim));
            ln = LayerNorm(hiddenDim, eps: 1e-6);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => ln.call(layers.call(dropout.call(x + pos_embedding)));
    }

    internal sealed class EncoderBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln_1;
        private readonly SelfAttention self_attention;
        private readonly Dropout dropout;
        private readonly LayerNorm ln_2;
        private readonly Sequential mlp;

        public EncoderBlock(long numHeads, long hiddenDim, long mlpDim) : base(nameof(EncoderBlock))
        {
            ln_1 = LayerNorm(hiddenDim, eps: 1e-6);
            self_attention = new SelfAttention(hiddenDim, numHeads);
            dropout = Dropout(0.0);
            ln_2 = LayerNorm(hiddenDim, eps: 1e-6);
            mlp = Sequential(Linear(hiddenDim, mlpDim), GELU(), Dropout(0.0), Linear(mlpDim, hiddenDim), Dropout(0.0));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var x = input + dropout.call(self_attention.call(ln_1.call(input)));
            return x + mlp.call(ln_2.call(x));
        }
    }

    internal sealed class SelfAttention : Module<Tensor, Tensor>
    {
        private readonly Parameter in_proj_weight;
        private readonly Parameter in_proj_bias;
        private readonly Linear out_proj;
        private readonly long _width;
        private readonly long _heads;

        public SelfAttention(long width, long heads) : base(nameof(SelfAttention))
        {
            in_proj_weight = Parameter(empty(3 * width, width));
            init.xavier_uniform_(in_proj_weight);
            in_proj_bias = Parameter(zeros(3 * width));
            out_proj = Linear(width, width);
            (_width, _heads) = (width, heads);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (batch, length) = (x.shape[0], x.shape[1]);
            var qkv = functional.linear(x, in_proj_weight, in_proj_bias).view(batch, length, 3, _heads, _width / _heads).permute(2, 0, 3, 1, 4);
            var y = functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2]);
            return out_proj.call(y.transpose(1, 2).reshape(batch, length, _width));
        }
    }
}
