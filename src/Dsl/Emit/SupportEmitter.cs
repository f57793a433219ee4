namespace NetDsl.Emit;

/// <summary>
/// The helpers generated modules call: merges with channel broadcast, padding that nn.Conv2d cannot express,
/// rank-dependent batch norm, and run-time checks whose messages match the build diagnostics. Emitted once per
/// project, internal, so generated code needs nothing but TorchSharp and NetDsl.Dsl.
/// </summary>
internal static class SupportEmitter
{
    public const string HintName = "NetDslLayers.g.cs";

    public static string Emit(string ns, bool loadTorchNative) =>
        FileEmitter.Header("NetDsl") + $"namespace {ns};\n\n" + Body + (loadTorchNative ? Startup : "");

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
internal static class NetDslLayers
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

    public static Tensor Add(params Tensor[] values)
    {
        var sum = values[0];
        for (var i = 1; i < values.Length; i++) sum = sum + values[i];
        return sum;
    }

    /// <summary>Element-wise product; a [N, C] vector scales the channels of a [N, C, H, W] map (squeeze-and-excitation).</summary>
    public static Tensor Mul(params Tensor[] values)
    {
        var product = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            var other = values[i];
            if (product.dim() == 4 && other.dim() == 2) other = other.unsqueeze(-1).unsqueeze(-1);
            else if (product.dim() == 2 && other.dim() == 4) product = product.unsqueeze(-1).unsqueeze(-1);
            product = product * other;
        }
        return product;
    }

    public static Tensor Concat(params Tensor[] values) => torch.cat(values, 1);

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

    private sealed class ReshapeLayer : Module<Tensor, Tensor>
    {
        private readonly long[] _shape;

        public ReshapeLayer(long[] dims) : base(""Reshape"")
        {
            _shape = new long[dims.Length + 1];
            _shape[0] = -1;
            dims.CopyTo(_shape, 1);
        }

        public override Tensor forward(Tensor input) => input.reshape(_shape);
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
