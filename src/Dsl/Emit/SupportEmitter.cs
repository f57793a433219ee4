namespace NetDsl.Emit;

/// <summary>
/// The helpers generated modules call: merges with channel broadcast, padding that nn.Conv2d cannot express,
/// rank-dependent batch norm, and run-time checks whose messages match the build diagnostics. Emitted once per
/// project, internal, so generated code needs nothing but TorchSharp and NetDsl.Dsl.
/// </summary>
internal static partial class SupportEmitter
{
    public const string HintName = "NetDslLayers.g.cs";

    public static string Emit(string ns, bool loadTorchNative) =>
        FileEmitter.Header("NetDsl") + $"namespace {ns};\n\n" + Body + "\n" + SequenceBody + (loadTorchNative ? Startup : "");

    private const string Startup = @"
/// <summary>Loads TorchSharp's native library as this assembly loads, before any code can touch TorchSharp.</summary>
internal static class NetDslStartup
{
#pragma warning disable CA2255 // Deliberate: TorchSharp fails for the whole process if touched before its library is prepared.
    [global::System.Runtime.CompilerServices.ModuleInitializer]
    internal static void LoadTorch() => global::NetDsl.Runtime.TorchNative.EnsureLoaded();
#pragma warning restore CA2255
}
";

    private const string Body = @"/// <summary>Layers and merges shared by the generated modules of this project.</summary>
internal static partial class NetDslLayers
{
    public static string Join(string path, string name) => path.Length == 0 ? name : path + ""."" + name;

    /// <summary>A labelled child also takes a place in the index count, as in the compile-time check.</summary>
    public static string Labelled(string label, ref int index)
    {
        index++;
        return label;
    }

    public static long Count(long count, long minimum, string what, string path)
    {
        if (count < minimum || count > 100000)
            throw new ShapeException(new ShapeError(""ND0115"", $""{count} {what}: the count must be between {minimum} and 100,000 (at '{path}')""));
        return count;
    }

    /// <summary>Runs copies one after the other (a repetition whose copies are children of the enclosing module).</summary>
    public static Tensor Chain(Module<Tensor, Tensor>[] layers, Tensor input)
    {
        var value = input;
        foreach (var layer in layers) value = layer.call(value);
        return value;
    }

    public static T[] Flatten<T>(params T[][] parts)
    {
        var all = new List<T>();
        foreach (var part in parts) all.AddRange(part);
        return all.ToArray();
    }

    public static Tensor[] ForwardAll(ModuleList<Module<Tensor, Tensor>> branches, Tensor input)
    {
        var outputs = new Tensor[branches.Count];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = branches[i].call(input);
        return outputs;
    }

    /// <summary>A sample axis counted as PyTorch counts it, the batch first: d &gt;= 0 is d + 1, a negative axis is as it is.</summary>
    public static long BatchAxis(long axis) => axis < 0 ? axis : axis + 1;

    /// <summary>The check a network's forward makes before any layer runs (ShapeRules.CheckInput).</summary>
    public static void CheckInput(Tensor input, Shape declared, string network)
    {
        if (ShapeRules.CheckInput(input.shape, torch.is_integral(input), declared, network) is { } error) throw new ShapeException(error);
    }

    /// <summary>One of the several values a tuple binding names: there must be as many as names (the check the build made).</summary>
    public static T Item<T>(T[] values, int index, int count)
    {
        if (values.Length != count) throw new ShapeException(ShapeRules.Binding(values.Length, count));
        return values[index];
    }

    /// <summary>Element-wise sum; sample shapes broadcast aligned at their last axis.</summary>
    public static Tensor Add(params Tensor[] values)
    {
        var sum = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            var (a, b) = Aligned(sum, values[i]);
            sum = a + b;
        }
        return sum;
    }

    /// <summary>
    /// Element-wise product; a [N, C] vector scales the channels of a [N, C, H, W] map (squeeze-and-excitation) when C is
    /// the same, as the build decided; other sample shapes broadcast aligned at their last axis.
    /// </summary>
    public static Tensor Mul(params Tensor[] values)
    {
        var product = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            var other = values[i];
            if (product.dim() == 4 && other.dim() == 2 && other.shape[1] == product.shape[1]) other = other.unsqueeze(-1).unsqueeze(-1);
            else if (product.dim() == 2 && other.dim() == 4 && other.shape[1] == product.shape[1]) product = product.unsqueeze(-1).unsqueeze(-1);
            var (a, b) = Aligned(product, other);
            product = a * b;
        }
        return product;
    }

    /// <summary>Two batches whose sample shapes broadcast: the one with fewer axes gets axes of size 1 after its batch axis.</summary>
    private static (Tensor A, Tensor B) Aligned(Tensor a, Tensor b)
    {
        while (a.dim() < b.dim()) a = a.unsqueeze(1);
        while (b.dim() < a.dim()) b = b.unsqueeze(1);
        return (a, b);
    }

    public static Tensor Concat(params Tensor[] values) => torch.cat(values, 1);

    /// <summary>Joins along a tensor axis (the batch first: a sample axis already converted).</summary>
    public static Tensor Concat(long dim, params Tensor[] values) => torch.cat(values, dim);

    public static Module<Tensor, Tensor> Permute(long[] dims) => new PermuteLayer(dims);

    public static Module<Tensor, Tensor> Transpose(long dim0, long dim1) => new TransposeLayer(dim0, dim1);

    public static Module<Tensor, Tensor> Select(long dim, long index) => new SelectLayer(dim, index);

    public static Module<Tensor, Tensor> Slice(long dim, long start, long? stop, long step) => new SliceLayer(dim, start, stop, step);

    public static Module<Tensor, Tensor[]> Chunk(long chunks, long dim) => new ChunkLayer(chunks, dim);

    public static Module<Tensor, Tensor[]> Split(long[] sizes, long dim) => new SplitLayer(sizes, dim);

    public static Module<Tensor, Tensor> BatchNorm(Shape input, double eps, double momentum) =>
        input.Rank == 3 ? nn.BatchNorm2d(input.Channels, eps, momentum) : nn.BatchNorm1d(input.Channels, eps, momentum);

    public static Module<Tensor, Tensor> GlobalPool(bool max) => new GlobalPoolLayer(max);

    public static Module<Tensor, Tensor> Reshape(long[] dims) => new ReshapeLayer(dims);

    /// <summary>A conv whose padding is same or valid: nn.Conv2d when symmetric, else explicit zero padding first.</summary>
    public static Module<Tensor, Tensor> Conv2d(Shape input, long filters, (long H, long W) kernel, (long H, long W) stride, Padding padding, (long H, long W) dilation, long groups, bool bias)
    {
        var pad = ShapeRules.ResolvePadding(padding, input, kernel.H, kernel.W, stride.H, stride.W, dilation.H, dilation.W);
        if (pad.IsSymmetric)
            return nn.Conv2d(input.Channels, filters, kernel, stride: stride, padding: (pad.Top, pad.Left), dilation: dilation, groups: groups, bias: bias);
        // nn.Conv2d initialises the weight and bias, exactly as in the symmetric case.
        var initialized = nn.Conv2d(input.Channels, filters, kernel, stride: stride, padding: (0, 0), dilation: dilation, groups: groups, bias: bias);
        return new PaddedConv2d(pad, initialized.weight, initialized.bias, stride, dilation, groups);
    }

    /// <summary>
    /// A pool with 'same', 'valid' or explicit padding. Max pooling pads with -inf so padding never wins; 'same'
    /// average pooling averages over the pixels inside the input, as TensorFlow and Keras do; explicit padding counts
    /// the padded zeros, as PyTorch's default does.
    /// </summary>
    public static Module<Tensor, Tensor> Pool2d(bool max, Shape input, (long H, long W) kernel, (long H, long W) stride, Padding padding, bool ceil)
    {
        var pad = ShapeRules.ResolvePadding(padding, input, kernel.H, kernel.W, stride.H, stride.W, 1, 1);
        var unpadded = pad.Top == 0 && pad.Bottom == 0 && pad.Left == 0 && pad.Right == 0;
        if (max)
        {
            return pad.IsSymmetric
                ? nn.MaxPool2d(kernel, stride: stride, padding: (pad.Top, pad.Left), ceil_mode: ceil)
                : new PaddedPool2d(pad, nn.MaxPool2d(kernel, stride: stride, ceil_mode: ceil), double.NegativeInfinity, countPadding: true);
        }
        if (unpadded) return nn.AvgPool2d(kernel, stride: stride, ceil_mode: ceil);
        if (padding.Mode == PaddingMode.Same && pad.IsSymmetric)
            return nn.AvgPool2d(kernel, stride: stride, padding: (pad.Top, pad.Left), ceil_mode: ceil, count_include_pad: false);
        var pool = nn.AvgPool2d(kernel, stride: stride, ceil_mode: ceil);
        return new PaddedPool2d(pad, pool, 0.0, countPadding: padding.Mode != PaddingMode.Same);
    }

    /// <summary>Global pooling to a [N, C] vector.</summary>
    private sealed class GlobalPoolLayer : Module<Tensor, Tensor>
    {
        private readonly bool _max;

        public GlobalPoolLayer(bool max) : base(max ? ""GlobalMaxPool"" : ""GlobalAvgPool"") => _max = max;

        public override Tensor forward(Tensor input) => _max ? input.amax(new long[] { 2, 3 }) : input.mean(new long[] { 2, 3 });
    }

    /// <summary>
    /// Reshapes each sample. Sizes with a -1 (inferred, or a symbolic axis kept whole) take the batch size from the
    /// input; others let the batch be the inferred one.
    /// </summary>
    private sealed class ReshapeLayer : Module<Tensor, Tensor>
    {
        private readonly long[] _shape;
        private readonly bool _infers;

        public ReshapeLayer(long[] dims) : base(""Reshape"")
        {
            _shape = new long[dims.Length + 1];
            _shape[0] = -1;
            dims.CopyTo(_shape, 1);
            _infers = global::System.Array.IndexOf(dims, -1L) >= 0;
        }

        public override Tensor forward(Tensor input)
        {
            if (!_infers) return input.reshape(_shape);
            var shape = (long[])_shape.Clone();
            shape[0] = input.shape[0];
            return input.reshape(shape);
        }
    }

    /// <summary>Reorders the sample axes; the batch stays first.</summary>
    private sealed class PermuteLayer : Module<Tensor, Tensor>
    {
        private readonly long[] _order;

        public PermuteLayer(long[] dims) : base(""Permute"")
        {
            _order = new long[dims.Length + 1];
            for (var i = 0; i < dims.Length; i++) _order[i + 1] = BatchAxis(dims[i]);
        }

        public override Tensor forward(Tensor input) => input.permute(_order);
    }

    private sealed class TransposeLayer : Module<Tensor, Tensor>
    {
        private readonly long _dim0;
        private readonly long _dim1;

        public TransposeLayer(long dim0, long dim1) : base(""Transpose"")
        {
            _dim0 = dim0;
            _dim1 = dim1;
        }

        public override Tensor forward(Tensor input) => input.transpose(_dim0, _dim1);
    }

    private sealed class SelectLayer : Module<Tensor, Tensor>
    {
        private readonly long _dim;
        private readonly long _index;

        public SelectLayer(long dim, long index) : base(""Select"")
        {
            _dim = dim;
            _index = index;
        }

        public override Tensor forward(Tensor input) => input.select(_dim, _index);
    }

    /// <summary>Python's slice along one axis: negative start and stop count from the end, no stop runs to it.</summary>
    private sealed class SliceLayer : Module<Tensor, Tensor>
    {
        private readonly long _dim;
        private readonly long _start;
        private readonly long _stop;
        private readonly long _step;

        public SliceLayer(long dim, long start, long? stop, long step) : base(""Slice"")
        {
            _dim = dim;
            _start = start;
            _stop = stop ?? long.MaxValue;
            _step = step;
        }

        public override Tensor forward(Tensor input) => input.slice(_dim, _start, _stop, _step);
    }

    private sealed class ChunkLayer : Module<Tensor, Tensor[]>
    {
        private readonly long _chunks;
        private readonly long _dim;

        public ChunkLayer(long chunks, long dim) : base(""Chunk"")
        {
            _chunks = chunks;
            _dim = dim;
        }

        public override Tensor[] forward(Tensor input) => input.chunk(_chunks, _dim);
    }

    private sealed class SplitLayer : Module<Tensor, Tensor[]>
    {
        private readonly long[] _sizes;
        private readonly long _dim;

        public SplitLayer(long[] sizes, long dim) : base(""Split"")
        {
            _sizes = sizes;
            _dim = dim;
        }

        public override Tensor[] forward(Tensor input) => _sizes.Length == 1 ? input.split(_sizes[0], (int)_dim) : input.split(_sizes, _dim);
    }

    /// <summary>
    /// Pads asymmetrically, then convolves with its own weight and bias, registered as nn.Conv2d registers them:
    /// state_dict keys 'weight' and 'bias', in that order.
    /// </summary>
    private sealed class PaddedConv2d : Module<Tensor, Tensor>
    {
        private readonly long[] _pad;
        private readonly long[] _stride;
        private readonly long[] _dilation;
        private readonly long _groups;

        // Not readonly: .to(device or dtype) registers moved copies of the parameters and sets the fields of the same
        // component name to them, so forward computes with the registered parameters (those state_dict and the
        // optimizer see), as nn.Conv2d does.
        [global::TorchSharp.Utils.ComponentName(Name = ""weight"")]
        private Parameter _weight;
        [global::TorchSharp.Utils.ComponentName(Name = ""bias"")]
        private Parameter? _bias;

        public PaddedConv2d(ResolvedPadding pad, Parameter weight, Parameter? bias, (long H, long W) stride, (long H, long W) dilation, long groups) : base(""PaddedConv2d"")
        {
            _pad = new[] { pad.Left, pad.Right, pad.Top, pad.Bottom };
            _stride = new[] { stride.H, stride.W };
            _dilation = new[] { dilation.H, dilation.W };
            _groups = groups;
            _weight = weight;
            register_parameter(""weight"", weight);
            _bias = bias;
            if (bias is not null) register_parameter(""bias"", bias);
        }

        /// <summary>The parameters are registered in the constructor; TorchSharp must not register the fields again.</summary>
        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input) =>
            nn.functional.conv2d(nn.functional.pad(input, _pad), _weight, _bias, strides: _stride, dilation: _dilation, groups: _groups);
    }

    /// <summary>Pads asymmetrically, then pools. Pools have no parameters or buffers, so the pool is simply kept.</summary>
    private sealed class PaddedPool2d : Module<Tensor, Tensor>
    {
        private readonly long[] _pad;
        private readonly Module<Tensor, Tensor> _pool;
        private readonly double _value;
        private readonly bool _countPadding;

        /// <param name=""value"">The padding value: 0, or -inf so that padding never wins a max pool.</param>
        /// <param name=""countPadding"">Whether an average counts the padded pixels (PyTorch) or only those inside the input (TensorFlow's 'same').</param>
        public PaddedPool2d(ResolvedPadding pad, Module<Tensor, Tensor> pool, double value, bool countPadding) : base(""PaddedPool2d"")
        {
            _pad = new[] { pad.Left, pad.Right, pad.Top, pad.Bottom };
            _pool = pool;
            _value = value;
            _countPadding = countPadding;
        }

        /// <summary>The pool is not a child: the module tree is that of a plain pool.</summary>
        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input)
        {
            var pooled = _pool.call(nn.functional.pad(input, _pad, PaddingModes.Constant, _value));
            if (_countPadding) return pooled;
            // Each window's share of pixels inside the input: dividing by it turns the mean over the window into the
            // mean over the input's pixels alone.
            using var ones = torch.ones(1, 1, input.shape[2], input.shape[3], dtype: input.dtype, device: input.device);
            using var inside = _pool.call(nn.functional.pad(ones, _pad));
            return pooled.div_(inside);
        }
    }
}
";
}
