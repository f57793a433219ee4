using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// BenchGpt.net written by hand in idiomatic TorchSharp, as nanoGPT's model.py is written in PyTorch: the same modules
/// and state_dict keys (but lm_head.weight: the output layer multiplies by the token embedding's weight directly).
/// </summary>
public sealed class HandWrittenGpt : Module<Tensor, Tensor>
{
    private readonly GptTransformer transformer;

    public HandWrittenGpt(long vocab = 512, long context = 128, long width = 128, long heads = 4, long layers = 4) : base(nameof(HandWrittenGpt))
    {
        transformer = new GptTransformer(vocab, context, width, heads, layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids)
    {
        var positions = arange(ids.shape[1], dtype: ScalarType.Int64, device: ids.device);
        var x = transformer.wte.call(ids) + transformer.wpe.call(positions);
        foreach (var block in transformer.h) x = block.call(x);
        return functional.linear(transformer.ln_f.call(x), transformer.wte.weight!);
    }

    internal sealed class GptTransformer : Module
    {
        public readonly Embedding wte;
        public readonly Embedding wpe;
        public readonly ModuleList<Block> h;
        public readonly LayerNorm ln_f;

        public GptTransformer(long vocab, long context, long width, long heads, long layers) : base("transformer")
        {
            wte = Embedding(vocab, width);
            wpe = Embedding(context, width);
            h = ModuleList<Block>();
            for (var i = 0; i < layers; i++) h.Add(new Block(width, heads));
            ln_f = LayerNorm(width);
            RegisterComponents();
        }
    }

    internal sealed class Block : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln_1;
        private readonly CausalSelfAttention attn;
        private readonly LayerNorm ln_2;
        private readonly Mlp mlp;

        public Block(long width, long heads) : base(nameof(Block))
        {
            ln_1 = LayerNorm(width);
            attn = new CausalSelfAttention(width, heads);
            ln_2 = LayerNorm(width);
            mlp = new Mlp(width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            x = x + attn.call(ln_1.call(x));
            return x + mlp.call(ln_2.call(x));
        }
    }

    internal sealed class CausalSelfAttention : Module<Tensor, Tensor>
    {
        private readonly Linear c_attn;
        private readonly Linear c_proj;
        private readonly long _width;
        private readonly long _heads;

        public CausalSelfAttention(long width, long heads) : base(nameof(CausalSelfAttention))
        {
            c_attn = Linear(width, 3 * width);
            c_proj = Linear(width, width);
            (_width, _heads) = (width, heads);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (batch, length) = (x.shape[0], x.shape[1]);
            var qkv = c_attn.call(x).split(_width, 2);
            var q = qkv[0].view(batch, length, _heads, _width / _heads).transpose(1, 2);
            var k = qkv[1].view(batch, length, _heads, _width / _heads).transpose(1, 2);
            var v = qkv[2].view(batch, length, _heads, _width / _heads).transpose(1, 2);
            var y = functional.scaled_dot_product_attention(q, k, v, is_casual: true);
            return c_proj.call(y.transpose(1, 2).contiguous().view(batch, length, _width));
        }
    }

    internal sealed class Mlp : Module<Tensor, Tensor>
    {
        private readonly Linear c_fc;
        private readonly GELU gelu;
        private readonly Linear c_proj;

        public Mlp(long width) : base(nameof(Mlp))
        {
            c_fc = Linear(width, 4 * width);
            gelu = GELU();
            c_proj = Linear(4 * width, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => c_proj.call(gelu.call(c_fc.call(x)));
    }
}
