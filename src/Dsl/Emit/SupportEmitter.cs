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
        FileEmitter.Header("NetDsl", nullableAnalysis: true) + $"namespace {ns};\n\n" + Body + "\n" + SequenceBody + "\n" + FoldingBody + (loadTorchNative ? Startup : "");

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

    /// <summary>How many children a module has registered so far: the place of a child declared now and applied later.</summary>
    public static int ChildCount(Module owner)
    {
        var count = 0;
        foreach (var _ in owner.named_children()) count++;
        return count;
    }

    /// <summary>
    /// Registers a child declared before it was applied at the place of its declaration (<paramref name=""place""/> children
    /// before it): the children registered since then move behind it, so the state_dict lists them as the reference does.
    /// </summary>
    public static void RegisterAt(Module owner, int place, string name, Module child)
    {
        var later = new List<(string Name, Module Module)>(owner.named_children());
        later.RemoveRange(0, place);
        foreach (var (laterName, _) in later) owner.register_module(laterName, null!);
        owner.register_module(name, child);
        foreach (var (laterName, module) in later) owner.register_module(laterName, module);
    }

    public static long Count(long count, long minimum, string what, string path)
    {
        if (count < minimum || count > 100000)
            throw new ShapeException(new ShapeError(""ND0115"", $""{count} {what}: the count must be between {minimum} and 100,000 (at '{path}')""));
        return count;
    }

    /// <summary>
    /// Runs copies one after the other (a repetition whose copies are children of the enclosing module), releasing each
    /// copy's result once the next has read it, as nn.Sequential does; no copies return a new handle to the input.
    /// </summary>
    public static Tensor Chain(Module<Tensor, Tensor>[] layers, Tensor input)
    {
        if (layers.Length == 0) return input.alias();
        var value = layers[0].call(input);
        for (var i = 1; i < layers.Length; i++)
        {
            var next = layers[i].call(value);
            value.Dispose();
            value = next;
        }
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
            var next = a + b;
            Release(values, a, b, sum);
            sum = next;
        }
        return sum;
    }

    /// <summary>
    /// <paramref name=""target""/> + <paramref name=""other""/> written into <paramref name=""target""/>, as torchvision writes
    /// a residual (x.add_(identity)), when the target already has the sum's shape; else a new sum. The generator calls it
    /// only where nothing else needs the target and autograd allows it.
    /// </summary>
    public static Tensor AddInPlace(Tensor target, Tensor other)
    {
        var rank = target.dim();
        if (other.dim() != rank) return Add(target, other);
        for (var axis = 0; axis < rank; axis++)
        {
            var size = other.size(axis);
            if (size != target.size(axis) && size != 1) return Add(target, other);
        }
        return target.add_(other);
    }

    /// <summary>Disposes temporary handles (broadcast views, partial results), each once, except the tensors passed in.</summary>
    private static void Release(Tensor[] values, params Tensor[] temporaries)
    {
        for (var i = 0; i < temporaries.Length; i++)
        {
            if (!Contains(values, temporaries[i], values.Length) && !Contains(temporaries, temporaries[i], i)) temporaries[i].Dispose();
        }
    }

    /// <summary>Whether the first <paramref name=""count""/> of <paramref name=""tensors""/> hold this very object (Tensor.Equals compares values).</summary>
    private static bool Contains(Tensor[] tensors, Tensor tensor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (ReferenceEquals(tensors[i], tensor)) return true;
        }
        return false;
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
            var (left, right) = (product, values[i]);
            if (left.dim() == 4 && right.dim() == 2 && right.shape[1] == left.shape[1]) right = Channels(right);
            else if (left.dim() == 2 && right.dim() == 4 && right.shape[1] == left.shape[1]) left = Channels(left);
            var (a, b) = Aligned(left, right);
            var next = a * b;
            Release(values, a, b, left, right, product);
            product = next;
        }
        return product;
    }

    /// <summary>A [N, C] vector as [N, C, 1, 1], to scale the channels of a map.</summary>
    private static Tensor Channels(Tensor vector)
    {
        using var column = vector.unsqueeze(-1);
        return column.unsqueeze(-1);
    }

    /// <summary>Two batches whose sample shapes broadcast: the one with fewer axes gets axes of size 1 after its batch axis (new handles; the originals stay).</summary>
    private static (Tensor A, Tensor B) Aligned(Tensor a, Tensor b)
    {
        var (ra, rb) = (a.dim(), b.dim());
        return ra == rb ? (a, b) : ra < rb ? (Unsqueezed(a, rb - ra), b) : (a, Unsqueezed(b, ra - rb));
    }

    /// <summary><paramref name=""count""/> axes of size 1 after the batch axis, as one view.</summary>
    private static Tensor Unsqueezed(Tensor value, long count)
    {
        var shape = new long[value.dim() + count];
        shape[0] = value.shape[0];
        for (var i = 1; i <= count; i++) shape[i] = 1;
        for (var i = 1; i < value.dim(); i++) shape[i + count] = value.shape[i];
        return value.view(shape);
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

    /// <summary>Batch norm over the channels; without <paramref name=""scale""/>, no weight (gamma), as Keras' BatchNormalization(scale=False).</summary>
    public static Module<Tensor, Tensor> BatchNorm(Shape input, double eps, double momentum, bool scale = true) =>
        !scale ? new UnscaledBatchNorm(input.Channels, eps, momentum)
        : input.Rank == 3 ? nn.BatchNorm2d(input.Channels, eps, momentum) : nn.BatchNorm1d(input.Channels, eps, momentum);

    public static Module<Tensor, Tensor> StochasticDepth(double p, string mode) => new StochasticDepthLayer(p, wholeBatch: mode == ""batch"");

    public static Module<Tensor, Tensor> Roll(long[] shifts, long[] dims) => new RollLayer(shifts, dims);

    public static Module<Tensor, Tensor> WindowAttention(Shape input, long heads, (long H, long W) window, (long H, long W) shift, bool qkvBias, bool projBias, double attentionDropout, double dropout) =>
        new WindowAttentionLayer(input.Features, heads, window, shift, qkvBias, projBias, attentionDropout, dropout);

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
    /// Batch norm without a weight (gamma): Keras' BatchNormalization(scale=False). The state_dict is nn.BatchNorm2d's
    /// without 'weight': bias, running_mean, running_var, num_batches_tracked, in that order; training updates the
    /// statistics as nn.BatchNorm2d does.
    /// </summary>
    private sealed class UnscaledBatchNorm : Module<Tensor, Tensor>
    {
        private readonly double _eps;
        private readonly double _momentum;

        // Not readonly: .to(device or dtype) sets the fields of the same component name to the moved tensors.
        [global::TorchSharp.Utils.ComponentName(Name = ""bias"")]
        private Parameter _bias;
        [global::TorchSharp.Utils.ComponentName(Name = ""running_mean"")]
        private Tensor _runningMean;
        [global::TorchSharp.Utils.ComponentName(Name = ""running_var"")]
        private Tensor _runningVar;
        [global::TorchSharp.Utils.ComponentName(Name = ""num_batches_tracked"")]
        private Tensor _batchesTracked;

        public UnscaledBatchNorm(long channels, double eps, double momentum) : base(""UnscaledBatchNorm"")
        {
            _eps = eps;
            _momentum = momentum;
            _bias = new Parameter(torch.zeros(channels));
            _runningMean = torch.zeros(channels);
            _runningVar = torch.ones(channels);
            _batchesTracked = torch.tensor(0L);
            register_parameter(""bias"", _bias);
            register_buffer(""running_mean"", _runningMean);
            register_buffer(""running_var"", _runningVar);
            register_buffer(""num_batches_tracked"", _batchesTracked);
        }

        /// <summary>The tensors are registered in the constructor; TorchSharp must not register the fields again.</summary>
        protected override void RegisterComponents()
        {
        }

        public override Tensor forward(Tensor input)
        {
            if (training)
            {
                using (torch.no_grad()) _batchesTracked.add_(1);
            }
            return nn.functional.batch_norm(input, _runningMean, _runningVar, null, _bias, training, _momentum, _eps);
        }
    }

    /// <summary>
    /// torchvision.ops.StochasticDepth: while training, each sample (row mode) or the whole batch survives with
    /// probability 1 - p and is then scaled by 1 / (1 - p); the identity in evaluation and for p = 0.
    /// </summary>
    private sealed class StochasticDepthLayer : Module<Tensor, Tensor>
    {
        private readonly double _p;
        private readonly bool _wholeBatch;

        public StochasticDepthLayer(double p, bool wholeBatch) : base(""StochasticDepth"")
        {
            _p = p;
            _wholeBatch = wholeBatch;
        }

        public override Tensor forward(Tensor input)
        {
            if (!training || _p == 0.0) return input;
            var survival = 1.0 - _p;
            var size = new long[input.dim()];
            for (var i = 0; i < size.Length; i++) size[i] = 1;
            if (!_wholeBatch) size[0] = input.shape[0];
            using var noise = torch.empty(size, dtype: input.dtype, device: input.device);
            noise.bernoulli_(survival);
            if (survival > 0.0) noise.div_(survival);
            return input * noise;
        }
    }

    /// <summary>torch.roll along sample axes: elements shifted cyclically, those past the end coming back at the start.</summary>
    private sealed class RollLayer : Module<Tensor, Tensor>
    {
        private readonly long[] _shifts;
        private readonly long[] _dims;

        public RollLayer(long[] shifts, long[] dims) : base(""Roll"")
        {
            _shifts = shifts;
            _dims = new long[dims.Length];
            for (var i = 0; i < dims.Length; i++) _dims[i] = BatchAxis(dims[i]);
        }

        public override Tensor forward(Tensor input) => input.roll(_shifts, _dims);
    }

    /// <summary>
    /// Swin's shifted-window attention, as torchvision's ShiftedWindowAttention and shifted_window_attention (v1) on
    /// [N, H, W, C]: pad H and W to multiples of the window, shift cyclically by -shift (no shift along an axis whose
    /// window covers the padded map), attend within each window with a learned bias per relative position and head,
    /// masking pairs of tokens that came from different regions of the shifted map, then undo the shift and padding.
    /// The state_dict is torchvision's: relative_position_bias_table [(2 Wh - 1)(2 Ww - 1), heads], the int64 buffer
    /// relative_position_index [Wh Ww Wh Ww], qkv.weight, qkv.bias, proj.weight, proj.bias. The dropouts act while
    /// training only, as since torchvision 0.15 (0.14 also dropped in evaluation; pytorch/vision#7103).
    /// </summary>
    private sealed class WindowAttentionLayer : Module<Tensor, Tensor>
    {
        private readonly long _heads;
        private readonly long _windowH;
        private readonly long _windowW;
        private readonly long _shiftH;
        private readonly long _shiftW;
        private readonly double _attentionDropout;
        private readonly double _dropout;
        private readonly Module<Tensor, Tensor> _qkv;
        private readonly Module<Tensor, Tensor> _proj;

        // Not readonly: .to(device or dtype) sets the fields of the same component name to the moved tensors.
        [global::TorchSharp.Utils.ComponentName(Name = ""relative_position_bias_table"")]
        private Parameter _table;
        [global::TorchSharp.Utils.ComponentName(Name = ""relative_position_index"")]
        private Tensor _index;

        public WindowAttentionLayer(long channels, long heads, (long H, long W) window, (long H, long W) shift, bool qkvBias, bool projBias, double attentionDropout, double dropout)
            : base(""ShiftedWindowAttention"")
        {
            _heads = heads;
            (_windowH, _windowW) = window;
            (_shiftH, _shiftW) = shift;
            _attentionDropout = attentionDropout;
            _dropout = dropout;
            _qkv = nn.Linear(channels, channels * 3, hasBias: qkvBias);
            _proj = nn.Linear(channels, channels, hasBias: projBias);
            _table = new Parameter(torch.zeros((2 * _windowH - 1) * (2 * _windowW - 1), heads));
            nn.init.trunc_normal_(_table, std: 0.02);
            _index = RelativePositionIndex(_windowH, _windowW);
            // PyTorch's state_dict order: the module's own parameter and buffer, then its children.
            register_parameter(""relative_position_bias_table"", _table);
            register_buffer(""relative_position_index"", _index);
            register_module(""qkv"", _qkv);
            register_module(""proj"", _proj);
        }

        /// <summary>The children and tensors are registered in the constructor; TorchSharp must not register the fields again.</summary>
        protected override void RegisterComponents()
        {
        }

        /// <summary>
        /// For tokens i and j of a window (row-major), the row of the bias table for their offset:
        /// (dh + Wh - 1) * (2 Ww - 1) + (dw + Ww - 1), with (dh, dw) = position(i) - position(j).
        /// </summary>
        private static Tensor RelativePositionIndex(long windowH, long windowW)
        {
            var tokens = windowH * windowW;
            var index = new long[tokens * tokens];
            for (var i = 0; i < tokens; i++)
            {
                for (var j = 0; j < tokens; j++)
                {
                    var dh = i / windowW - j / windowW;
                    var dw = i % windowW - j % windowW;
                    index[i * tokens + j] = (dh + windowH - 1) * (2 * windowW - 1) + dw + windowW - 1;
                }
            }
            return torch.tensor(index);
        }

        public override Tensor forward(Tensor input)
        {
            long batch = input.shape[0], height = input.shape[1], width = input.shape[2], channels = input.shape[3];
            var padBottom = (_windowH - height % _windowH) % _windowH;
            var padRight = (_windowW - width % _windowW) % _windowW;
            var x = nn.functional.pad(input, new long[] { 0, 0, 0, padRight, 0, padBottom });
            long paddedH = height + padBottom, paddedW = width + padRight;
            var shiftH = _windowH >= paddedH ? 0 : _shiftH;
            var shiftW = _windowW >= paddedW ? 0 : _shiftW;
            var shifted = shiftH + shiftW > 0;
            if (shifted) x = x.roll(new[] { -shiftH, -shiftW }, new long[] { 1, 2 });

            long rows = paddedH / _windowH, columns = paddedW / _windowW, windows = rows * columns, tokens = _windowH * _windowW;
            x = x.view(batch, rows, _windowH, columns, _windowW, channels).permute(0, 1, 3, 2, 4, 5).reshape(batch * windows, tokens, channels);

            var qkv = _qkv.call(x).reshape(batch * windows, tokens, 3, _heads, channels / _heads).permute(2, 0, 3, 1, 4);
            var q = qkv[0] * global::System.Math.Pow(channels / _heads, -0.5);
            var attention = q.matmul(qkv[1].transpose(-2, -1)) + RelativePositionBias(tokens);
            if (shifted)
            {
                attention = attention.view(batch, windows, _heads, tokens, tokens) + ShiftMask(paddedH, paddedW, shiftH, shiftW, x).unsqueeze(1).unsqueeze(0);
                attention = attention.view(-1, _heads, tokens, tokens);
            }
            attention = nn.functional.dropout(nn.functional.softmax(attention, -1), _attentionDropout, training);

            x = attention.matmul(qkv[2]).transpose(1, 2).reshape(batch * windows, tokens, channels);
            x = nn.functional.dropout(_proj.call(x), _dropout, training);

            x = x.view(batch, rows, columns, _windowH, _windowW, channels).permute(0, 1, 3, 2, 4, 5).reshape(batch, paddedH, paddedW, channels);
            if (shifted) x = x.roll(new[] { shiftH, shiftW }, new long[] { 1, 2 });
            return x.slice(1, 0, height, 1).slice(2, 0, width, 1).contiguous();
        }

        /// <summary>[1, heads, tokens, tokens]: each pair's learned bias, looked up by its relative position.</summary>
        private Tensor RelativePositionBias(long tokens) =>
            _table.index_select(0, _index).view(tokens, tokens, -1).permute(2, 0, 1).contiguous().unsqueeze(0);

        /// <summary>
        /// [windows, tokens, tokens]: 0 for two tokens of the same region of the shifted map, -100 otherwise. The map is
        /// cut as torchvision cuts it, with Python's slices (0, -window), (-window, -shift), (-shift, end) per axis,
        /// each later region overwriting the earlier ones where they overlap.
        /// </summary>
        private Tensor ShiftMask(long paddedH, long paddedW, long shiftH, long shiftW, Tensor like)
        {
            var rowRegions = Regions(paddedH, _windowH, shiftH);
            var columnRegions = Regions(paddedW, _windowW, shiftW);
            var regions = new float[paddedH * paddedW];
            var count = 0;
            foreach (var (top, bottom) in rowRegions)
            {
                foreach (var (left, right) in columnRegions)
                {
                    for (var r = top; r < bottom; r++)
                    {
                        for (var c = left; c < right; c++) regions[r * paddedW + c] = count;
                    }
                    count++;
                }
            }
            var tokens = _windowH * _windowW;
            var windows = (paddedH / _windowH) * (paddedW / _windowW);
            var map = torch.tensor(regions, dtype: like.dtype, device: like.device)
                .view(paddedH / _windowH, _windowH, paddedW / _windowW, _windowW).permute(0, 2, 1, 3).reshape(windows, tokens);
            var difference = map.unsqueeze(1) - map.unsqueeze(2);
            return difference.masked_fill(difference.ne(0), -100.0).masked_fill(difference.eq(0), 0.0);
        }

        /// <summary>The three slices of an axis of <paramref name=""size""/> as Python reads them (negative from the end, -0 is 0).</summary>
        private static (long Start, long Stop)[] Regions(long size, long window, long shift)
        {
            static long At(long position, long size) => position < 0 ? global::System.Math.Max(0, position + size) : global::System.Math.Min(position, size);
            return new[]
            {
                (At(0, size), At(-window, size)),
                (At(-window, size), At(-shift, size)),
                (At(-shift, size), size),
            };
        }
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

        public override Tensor forward(Tensor input)
        {
            using var padded = nn.functional.pad(input, _pad);
            return nn.functional.conv2d(padded, _weight, _bias, strides: _stride, dilation: _dilation, groups: _groups);
        }
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
            Tensor pooled;
            using (var padded = nn.functional.pad(input, _pad, PaddingModes.Constant, _value)) pooled = _pool.call(padded);
            if (_countPadding) return pooled;
            // Each window's share of pixels inside the input: dividing by it turns the mean over the window into the
            // mean over the input's pixels alone.
            using var ones = torch.ones(1, 1, input.shape[2], input.shape[3], dtype: input.dtype, device: input.device);
            using var paddedOnes = nn.functional.pad(ones, _pad);
            using var inside = _pool.call(paddedOnes);
            return pooled.div_(inside);
        }
    }
}
";
}
