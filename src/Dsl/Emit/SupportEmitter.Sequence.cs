namespace NetDsl.Emit;

// The support file's layers for sequence models: GELU's variants, layer norms, positions, attention in both state_dict
// layouts, learned tensors and tied weights. Where TorchSharp has a module with PyTorch's keys (nn.LayerNorm, nn.Embedding,
// nn.Linear) generated code uses it; these are the others.
internal static partial class SupportEmitter
{
    private const string SequenceBody = """
/// <summary>Layers of sequence models shared by the generated modules of this project.</summary>
internal static partial class NetDslLayers
{
    /// <summary>nn.GELU, exact or with the tanh approximation (GPT-2's).</summary>
    public static Module<Tensor, Tensor> Gelu(bool tanh) =>
        nn.GELU(tanh ? global::TorchSharp.Modules.GELU.Approximate.tanh : global::TorchSharp.Modules.GELU.Approximate.none);

    /// <summary>The sizes of the last <paramref name="count"/> axes of a sample: the shape a layer norm normalises.</summary>
    public static long[] LastAxes(Shape input, int count)
    {
        var sizes = new long[count];
        for (var i = 0; i < count; i++) sizes[i] = input[input.Rank - count + i];
        return sizes;
    }

    public static Module<Tensor, Tensor> LayerNorm2d(long channels, double eps, bool bias) => new LayerNorm2dLayer(channels, eps, bias);

    public static Module<Tensor, Tensor> Positions(long dim) => new PositionsLayer(dim);

    public static Module<Tensor, Tensor> Attention(long width, long heads, double dropout, bool bias, bool causal) =>
        new MultiheadAttentionLayer(width, heads, dropout, bias, causal);

    public static Module<Tensor, Tensor, Tensor> CrossAttention(long width, long memoryWidth, long heads, double dropout, bool bias, bool causal) =>
        new CrossAttentionLayer(width, memoryWidth, heads, dropout, bias, causal);

    public static Module<Tensor, Tensor> GptAttention(long width, long heads, double dropout, bool bias, bool causal) =>
        new GptAttentionLayer(width, heads, dropout, bias, causal);

    /// <summary>A learned tensor: zeros, a constant, or normal with standard deviation <paramref name="std"/> (when positive).</summary>
    public static global::TorchSharp.Modules.Parameter NewParameter(long[] sizes, double std, double fill)
    {
        using var value = Initial(sizes, std, fill);
        return (global::TorchSharp.Modules.Parameter)new global::TorchSharp.Modules.Parameter(value, requires_grad: true).DetachFromDisposeScope();
    }

    /// <summary>A non-trainable tensor of the state_dict, initialised as <see cref="NewParameter"/>.</summary>
    public static Tensor NewBuffer(long[] sizes, double std, double fill) => Initial(sizes, std, fill).DetachFromDisposeScope();

    private static Tensor Initial(long[] sizes, double std, double fill)
    {
        using var noGrad = torch.no_grad();
        return std > 0 ? torch.empty(sizes).normal_(0.0, std) : torch.full(sizes, fill);
    }

    /// <summary>
    /// A learned tensor as a value of a batch: stored as PyTorch stores it (with or without its batch axis of 1), viewed as
    /// [1, sample...] and expanded, without a copy, to the batch of <paramref name="like"/>.
    /// </summary>
    public static Tensor Batched(Tensor stored, int sampleRank, Tensor like)
    {
        var value = stored.dim() == sampleRank ? stored.unsqueeze(0) : stored;
        var sizes = value.shape;
        sizes[0] = like.shape[0];
        return value.expand(sizes);
    }

    /// <summary>
    /// A linear layer whose weight is an earlier layer's parameter (<paramref name="reference"/>, a path relative to
    /// <paramref name="scope"/>): nanoGPT's lm_head. Checked as the build checked it.
    /// </summary>
    public static Module<Tensor, Tensor> TiedLinear(Module scope, string reference, long inFeatures, long outFeatures, bool bias, string path)
    {
        var (owner, key) = Lender(scope, reference, new[] { outFeatures, inFeatures }, "weight", "linear", path);
        return new TiedLinearLayer(owner, key, inFeatures, outFeatures, bias);
    }

    /// <summary>An embedding whose weight is an earlier layer's parameter (see <see cref="TiedLinear"/>).</summary>
    public static Module<Tensor, Tensor> TiedEmbedding(Module scope, string reference, long count, long dim, string path)
    {
        var (owner, key) = Lender(scope, reference, new[] { count, dim }, "weight", "embedding", path);
        return new TiedEmbeddingLayer(owner, key);
    }

    /// <summary>The module that owns the parameter <paramref name="reference"/> names, and its key there, after the build's check.</summary>
    private static (Module Owner, string Key) Lender(Module scope, string reference, long[] own, string key, string op, string path)
    {
        var segments = reference.Split('.');
        Module? owner = scope;
        for (var i = 0; i < segments.Length - 1 && owner is not null; i++)
        {
            var name = segments[i];
            Module? next = null;
            foreach (var (childName, child) in owner.named_children())
            {
                if (childName == name)
                {
                    next = child;
                    break;
                }
            }
            owner = next;
        }
        var parameter = owner?.get_parameter(segments[segments.Length - 1]);
        if (ShapeRules.Tied(own, parameter?.shape, reference, key, op, path) is { } error) throw new ShapeException(error);
        return (owner!, segments[segments.Length - 1]);
    }

    /// <summary>Splits the width into heads, attends (scaled dot products, softmax, dropout while training), merges the heads.</summary>
    private static Tensor Attend(Tensor queries, Tensor keys, Tensor values, long heads, double dropout, bool causal)
    {
        var (batch, length, width) = (queries.shape[0], queries.shape[1], queries.shape[2]);
        var memory = keys.shape[1];
        var q = queries.reshape(batch, length, heads, width / heads).transpose(1, 2);
        var k = keys.reshape(batch, memory, heads, width / heads).transpose(1, 2);
        var v = values.reshape(batch, memory, heads, width / heads).transpose(1, 2);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, null, dropout, causal);
        return attended.transpose(1, 2).reshape(batch, length, width);
    }

    /// <summary>A new parameter of the given sizes, Xavier-uniform as nn.MultiheadAttention initialises its projections.</summary>
    private static global::TorchSharp.Modules.Parameter XavierUniform(long rows, long columns)
    {
        var weight = new global::TorchSharp.Modules.Parameter(torch.empty(rows, columns), requires_grad: true);
        nn.init.xavier_uniform_(weight);
        return (global::TorchSharp.Modules.Parameter)weight.DetachFromDisposeScope();
    }

    private static global::TorchSharp.Modules.Parameter Zeros(long size) =>
        (global::TorchSharp.Modules.Parameter)new global::TorchSharp.Modules.Parameter(torch.zeros(size), requires_grad: true).DetachFromDisposeScope();

    /// <summary>nn.Linear whose bias starts at zero, as nn.MultiheadAttention's out_proj.</summary>
    private static Module<Tensor, Tensor> OutputProjection(long width, bool bias)
    {
        var projection = nn.Linear(width, width, hasBias: bias);
        if (bias)
        {
            using var noGrad = torch.no_grad();
            projection.bias!.zero_();
        }
        return projection;
    }

    /// <summary>torchvision's LayerNorm2d: each pixel's channels normalised, keys 'weight' and 'bias' as nn.LayerNorm's.</summary>
    private sealed class LayerNorm2dLayer : Module<Tensor, Tensor>
    {
        private readonly long[] _channels;
        private readonly double _eps;

        // Not readonly: .to(device or dtype) sets the moved parameters here by their component names.
        [global::TorchSharp.Utils.ComponentName(Name = "weight")]
        private global::TorchSharp.Modules.Parameter _weight;
        [global::TorchSharp.Utils.ComponentName(Name = "bias")]
        private global::TorchSharp.Modules.Parameter? _bias;

        public LayerNorm2dLayer(long channels, double eps, bool bias) : base("LayerNorm2d")
        {
            _channels = new[] { channels };
            _eps = eps;
            _weight = (global::TorchSharp.Modules.Parameter)new global::TorchSharp.Modules.Parameter(torch.ones(channels), requires_grad: true).DetachFromDisposeScope();
            register_parameter("weight", _weight);
            if (bias)
            {
                _bias = Zeros(channels);
                register_parameter("bias", _bias);
            }
        }

        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input) =>
            nn.functional.layer_norm(input.permute(0, 2, 3, 1), _channels, _weight, _bias, _eps).permute(0, 3, 1, 2);
    }

    /// <summary>The positions 0..n-1 of a tensor axis as int64 ids, one row per sample.</summary>
    private sealed class PositionsLayer : Module<Tensor, Tensor>
    {
        private readonly long _dim;

        public PositionsLayer(long dim) : base("Positions") => _dim = dim;

        public override Tensor forward(Tensor input)
        {
            var count = input.shape[_dim < 0 ? _dim + input.dim() : _dim];
            return torch.arange(count, dtype: ScalarType.Int64, device: input.device).unsqueeze(0).expand(input.shape[0], count);
        }
    }

    /// <summary>
    /// nn.MultiheadAttention (batch first, need_weights=False, as torchvision's ViT calls it) for self-attention: keys
    /// in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias; dropout on the attention weights while training.
    /// </summary>
    private sealed class MultiheadAttentionLayer : Module<Tensor, Tensor>
    {
        private readonly long _width;
        private readonly long _heads;
        private readonly double _dropout;
        private readonly bool _causal;
        private readonly Module<Tensor, Tensor> _outProj;

        // Not readonly: .to(device or dtype) sets the moved parameters here by their component names.
        [global::TorchSharp.Utils.ComponentName(Name = "in_proj_weight")]
        private global::TorchSharp.Modules.Parameter _inProjWeight;
        [global::TorchSharp.Utils.ComponentName(Name = "in_proj_bias")]
        private global::TorchSharp.Modules.Parameter? _inProjBias;

        public MultiheadAttentionLayer(long width, long heads, double dropout, bool bias, bool causal) : base("MultiheadAttention")
        {
            (_width, _heads, _dropout, _causal) = (width, heads, dropout, causal);
            _inProjWeight = XavierUniform(3 * width, width);
            register_parameter("in_proj_weight", _inProjWeight);
            if (bias)
            {
                _inProjBias = Zeros(3 * width);
                register_parameter("in_proj_bias", _inProjBias);
            }
            _outProj = OutputProjection(width, bias);
            register_module("out_proj", _outProj);
        }

        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input)
        {
            var qkv = nn.functional.linear(input, _inProjWeight, _inProjBias).chunk(3, -1);
            return _outProj.call(Attend(qkv[0], qkv[1], qkv[2], _heads, training ? _dropout : 0.0, _causal));
        }
    }

    /// <summary>
    /// nn.MultiheadAttention for queries on a memory: the memory gives keys and values. A memory as wide as the queries
    /// shares in_proj_weight [3d, d]; another width has q_proj_weight, k_proj_weight and v_proj_weight, as PyTorch's.
    /// </summary>
    private sealed class CrossAttentionLayer : Module<Tensor, Tensor, Tensor>
    {
        private readonly long _width;
        private readonly long _heads;
        private readonly double _dropout;
        private readonly bool _causal;
        private readonly Module<Tensor, Tensor> _outProj;

        // Not readonly: .to(device or dtype) sets the moved parameters here by their component names.
        [global::TorchSharp.Utils.ComponentName(Name = "in_proj_weight")]
        private global::TorchSharp.Modules.Parameter? _inProjWeight;
        [global::TorchSharp.Utils.ComponentName(Name = "q_proj_weight")]
        private global::TorchSharp.Modules.Parameter? _qProjWeight;
        [global::TorchSharp.Utils.ComponentName(Name = "k_proj_weight")]
        private global::TorchSharp.Modules.Parameter? _kProjWeight;
        [global::TorchSharp.Utils.ComponentName(Name = "v_proj_weight")]
        private global::TorchSharp.Modules.Parameter? _vProjWeight;
        [global::TorchSharp.Utils.ComponentName(Name = "in_proj_bias")]
        private global::TorchSharp.Modules.Parameter? _inProjBias;

        public CrossAttentionLayer(long width, long memoryWidth, long heads, double dropout, bool bias, bool causal) : base("MultiheadAttention")
        {
            (_width, _heads, _dropout, _causal) = (width, heads, dropout, causal);
            if (memoryWidth == width)
            {
                _inProjWeight = XavierUniform(3 * width, width);
                register_parameter("in_proj_weight", _inProjWeight);
            }
            else
            {
                _qProjWeight = XavierUniform(width, width);
                _kProjWeight = XavierUniform(width, memoryWidth);
                _vProjWeight = XavierUniform(width, memoryWidth);
                register_parameter("q_proj_weight", _qProjWeight);
                register_parameter("k_proj_weight", _kProjWeight);
                register_parameter("v_proj_weight", _vProjWeight);
            }
            if (bias)
            {
                _inProjBias = Zeros(3 * width);
                register_parameter("in_proj_bias", _inProjBias);
            }
            _outProj = OutputProjection(width, bias);
            register_module("out_proj", _outProj);
        }

        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor queries, Tensor memory)
        {
            var biases = _inProjBias?.chunk(3);
            Tensor q, k, v;
            if (_inProjWeight is not null)
            {
                var weights = _inProjWeight.split(new[] { _width, 2 * _width });
                q = nn.functional.linear(queries, weights[0], biases?[0]);
                var kv = nn.functional.linear(memory, weights[1], _inProjBias?.narrow(0, _width, 2 * _width)).chunk(2, -1);
                (k, v) = (kv[0], kv[1]);
            }
            else
            {
                q = nn.functional.linear(queries, _qProjWeight!, biases?[0]);
                k = nn.functional.linear(memory, _kProjWeight!, biases?[1]);
                v = nn.functional.linear(memory, _vProjWeight!, biases?[2]);
            }
            return _outProj.call(Attend(q, k, v, _heads, training ? _dropout : 0.0, _causal));
        }
    }

    /// <summary>
    /// nanoGPT's CausalSelfAttention: c_attn projects to queries, keys and values, c_proj back; dropout on the attention
    /// weights (attn_dropout, inside scaled_dot_product_attention) and on the output (resid_dropout) while training.
    /// </summary>
    private sealed class GptAttentionLayer : Module<Tensor, Tensor>
    {
        private readonly long _width;
        private readonly long _heads;
        private readonly double _dropout;
        private readonly bool _causal;
        private readonly Module<Tensor, Tensor> _cAttn;
        private readonly Module<Tensor, Tensor> _cProj;

        public GptAttentionLayer(long width, long heads, double dropout, bool bias, bool causal) : base("CausalSelfAttention")
        {
            (_width, _heads, _dropout, _causal) = (width, heads, dropout, causal);
            _cAttn = nn.Linear(width, 3 * width, hasBias: bias);
            _cProj = nn.Linear(width, width, hasBias: bias);
            register_module("c_attn", _cAttn);
            register_module("c_proj", _cProj);
        }

        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input)
        {
            var p = training ? _dropout : 0.0;
            var qkv = _cAttn.call(input).split(_width, 2);
            var output = _cProj.call(Attend(qkv[0], qkv[1], qkv[2], _heads, p, _causal));
            return p > 0 ? nn.functional.dropout(output, p, training) : output;
        }
    }

    /// <summary>
    /// nn.Linear with the weight of another layer (tied weights): only its bias is its own parameter, so the weight is
    /// trained and counted once, under the owner's name; its state_dict lists the weight too, as PyTorch's does, so
    /// both keys load and save. The weight is read from the owner at each call, so it follows .to(device or dtype).
    /// </summary>
    private sealed class TiedLinearLayer : Module<Tensor, Tensor>
    {
        private readonly Module _owner;
        private readonly string _key;

        // Not readonly: .to(device or dtype) sets the moved parameter here by its component name.
        [global::TorchSharp.Utils.ComponentName(Name = "bias")]
        private global::TorchSharp.Modules.Parameter? _bias;

        public TiedLinearLayer(Module owner, string key, long inFeatures, long outFeatures, bool bias) : base("Linear")
        {
            (_owner, _key) = (owner, key);
            if (!bias) return;
            // nn.Linear's initialisation of the bias: uniform in +-1/sqrt(in_features).
            var bound = 1.0 / global::System.Math.Sqrt(inFeatures);
            _bias = (global::TorchSharp.Modules.Parameter)new global::TorchSharp.Modules.Parameter(torch.empty(outFeatures).uniform_(-bound, bound), requires_grad: true).DetachFromDisposeScope();
            register_parameter("bias", _bias);
        }

        protected override void RegisterComponents()
        {
        }

        private Tensor Weight => _owner.get_parameter(_key)!;

        public override Tensor forward(Tensor input) => nn.functional.linear(input, Weight, _bias);

        public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
        {
            destination ??= new Dictionary<string, Tensor>();
            destination.TryAdd(string.IsNullOrEmpty(prefix) ? "weight" : prefix + ".weight", Weight);
            return base.state_dict(destination, prefix);
        }
    }

    /// <summary>nn.Embedding with the weight of another layer (see <see cref="TiedLinearLayer"/>).</summary>
    private sealed class TiedEmbeddingLayer : Module<Tensor, Tensor>
    {
        private readonly Module _owner;
        private readonly string _key;

        public TiedEmbeddingLayer(Module owner, string key) : base("Embedding") => (_owner, _key) = (owner, key);

        protected override void RegisterComponents()
        {
        }

        private Tensor Weight => _owner.get_parameter(_key)!;

        public override Tensor forward(Tensor input)
        {
            var weight = Weight;
            var sizes = new long[input.dim() + 1];
            for (var i = 0; i < input.dim(); i++) sizes[i] = input.shape[i];
            sizes[input.dim()] = weight.shape[1];
            return weight.index_select(0, input.reshape(-1)).reshape(sizes);
        }

        public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
        {
            destination ??= new Dictionary<string, Tensor>();
            destination.TryAdd(string.IsNullOrEmpty(prefix) ? "weight" : prefix + ".weight", Weight);
            return base.state_dict(destination, prefix);
        }
    }
}

""";
}
