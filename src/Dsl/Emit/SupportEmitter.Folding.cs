namespace NetDsl.Emit;

// The support for FuseForInference: a conv that a following batch norm folds into, that batch norm, and the version
// stamps that tell when folded weights are stale.
internal static partial class SupportEmitter
{
    private const string FoldingBody = """
/// <summary>Eval-time batch-norm folding (FuseForInference), for the conv and batch-norm pairs the generator found.</summary>
internal static partial class NetDslLayers
{
    /// <summary>A conv whose output only a batch norm reads: nn.Conv2d's keys and initialisation, any padding; the batch norm can be folded into it.</summary>
    public static Module<Tensor, Tensor> FoldingConv2d(Shape input, long filters, (long H, long W) kernel, (long H, long W) stride, Padding padding, (long H, long W) dilation, long groups, bool bias)
    {
        var pad = ShapeRules.ResolvePadding(padding, input, kernel.H, kernel.W, stride.H, stride.W, dilation.H, dilation.W);
        // nn.Conv2d initialises the weight and bias, as for a conv without a batch norm.
        var initialized = nn.Conv2d(input.Channels, filters, kernel, stride: stride, padding: (0, 0), dilation: dilation, groups: groups, bias: bias);
        return new FoldingConvLayer(pad, initialized.weight, initialized.bias, stride, dilation, groups);
    }

    /// <summary>The batch norm after <paramref name="conv"/> (a <see cref="FoldingConv2d"/>): nn.BatchNorm2d's keys and behaviour until it is folded.</summary>
    public static Module<Tensor, Tensor> FoldedBatchNorm(Module<Tensor, Tensor> conv, Shape input, double eps, double momentum, bool scale = true) =>
        new FoldedBatchNormLayer((FoldingConvLayer)conv, input.Channels, eps, momentum, scale);

    /// <summary>Turns folding on for every conv and batch-norm pair of <paramref name="network"/> (its generated FuseForInference).</summary>
    public static void FuseForInference(Module network, bool channelsLast)
    {
        foreach (var module in network.modules())
        {
            if (module is FoldingConvLayer conv) conv.Fuse(channelsLast);
        }
    }

    /// <summary>
    /// nn.Conv2d (padding first where it is asymmetric) that, once fused, computes conv and batch norm in one in evaluation
    /// with gradients off: w' = w·γ/√(var+ε), b' = β + (b − μ)·γ/√(var+ε). The folded tensors are no parameters or buffers;
    /// they are recomputed when any tensor they come from was replaced or written (libtorch's version counter), and after
    /// the batch norm ran in training.
    /// </summary>
    private sealed class FoldingConvLayer : Module<Tensor, Tensor>
    {
        private readonly long[]? _pad;
        private readonly long[] _padding;
        private readonly long[] _stride;
        private readonly long[] _dilation;
        private readonly long _groups;

        // Not readonly: .to(device or dtype) sets the fields of the same component name to the moved parameters.
        [global::TorchSharp.Utils.ComponentName(Name = "weight")]
        private Parameter _weight;
        [global::TorchSharp.Utils.ComponentName(Name = "bias")]
        private Parameter? _bias;

        private FoldedBatchNormLayer? _batchNorm;
        private bool _fused;
        private bool _channelsLast;
        private Tensor? _foldedWeight;
        private Tensor? _foldedBias;
        private readonly TensorStamp[] _foldedFrom = new TensorStamp[6];

        public FoldingConvLayer(ResolvedPadding pad, Parameter weight, Parameter? bias, (long H, long W) stride, (long H, long W) dilation, long groups) : base("Conv2d")
        {
            _pad = pad.IsSymmetric ? null : new[] { pad.Left, pad.Right, pad.Top, pad.Bottom };
            _padding = pad.IsSymmetric ? new[] { pad.Top, pad.Left } : new[] { 0L, 0L };
            _stride = new[] { stride.H, stride.W };
            _dilation = new[] { dilation.H, dilation.W };
            _groups = groups;
            _weight = weight;
            register_parameter("weight", weight);
            _bias = bias;
            if (bias is not null) register_parameter("bias", bias);
        }

        /// <summary>The parameters are registered in the constructor; TorchSharp must not register the fields again.</summary>
        protected override void RegisterComponents()
        {
        }

        internal void Follow(FoldedBatchNormLayer batchNorm) => _batchNorm = batchNorm;

        internal void Fuse(bool channelsLast)
        {
            _fused = true;
            _channelsLast = channelsLast;
            Forget();
        }

        /// <summary>Drops the folded tensors (the batch norm's statistics changed in training); the next folded forward recomputes them.</summary>
        internal void Forget()
        {
            _foldedWeight?.Dispose();
            _foldedBias?.Dispose();
            _foldedWeight = null;
            _foldedBias = null;
        }

        /// <summary>Whether forward computes conv and batch norm in one: fused, both in evaluation, gradients off (the parameters get none through folded tensors).</summary>
        internal bool FoldsNow => _fused && _batchNorm is not null && !training && !_batchNorm.training && !torch.is_grad_enabled();

        public override Tensor forward(Tensor input)
        {
            Tensor weight = _weight;
            Tensor? bias = _bias;
            if (FoldsNow)
            {
                Refold();
                weight = _foldedWeight!;
                bias = _foldedBias;
            }
            if (_pad is null) return nn.functional.conv2d(input, weight, bias, strides: _stride, padding: _padding, dilation: _dilation, groups: _groups);
            using var padded = nn.functional.pad(input, _pad);
            return nn.functional.conv2d(padded, weight, bias, strides: _stride, dilation: _dilation, groups: _groups);
        }

        /// <summary>Computes the folded weight and bias unless those held were computed from the very tensors, unchanged since.</summary>
        private void Refold()
        {
            var batchNorm = _batchNorm!;
            var sources = new Tensor?[] { _weight, _bias, batchNorm.Weight, batchNorm.Bias, batchNorm.RunningMean, batchNorm.RunningVar };
            var current = _foldedWeight is not null;
            for (var i = 0; i < sources.Length; i++)
            {
                var stamp = TensorStamp.Of(sources[i]);
                current &= stamp.Known && stamp.Equals(_foldedFrom[i]);
                _foldedFrom[i] = stamp;
            }
            if (current) return;
            Forget();
            using var scope = torch.NewDisposeScope();
            // In double precision, then back to the weight's type: the folded conv matches conv then batch norm to rounding.
            var variance = batchNorm.RunningVar.to(ScalarType.Float64);
            var scale = (variance + batchNorm.Eps).sqrt().reciprocal();
            if (batchNorm.Weight is { } gamma) scale = scale * gamma.to(ScalarType.Float64);
            var weight = _weight.to(ScalarType.Float64) * scale.view(-1, 1, 1, 1);
            var shift = batchNorm.Bias.to(ScalarType.Float64) - batchNorm.RunningMean.to(ScalarType.Float64) * scale;
            if (_bias is not null) shift = shift + _bias.to(ScalarType.Float64) * scale;
            weight = weight.to(_weight.dtype);
            // Channels-last as libtorch lays it out (NHWC strides, NCHW sizes): its convolution then computes in that format.
            if (_channelsLast) weight = weight.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            // Kept across calls: out of every dispose scope, the caller's included.
            _foldedWeight = weight.DetachFromDisposeScope();
            _foldedBias = shift.to(_weight.dtype).DetachFromDisposeScope();
        }
    }

    /// <summary>
    /// nn.BatchNorm2d (weight unless scale: false, bias, running_mean, running_var, num_batches_tracked, in that order) after a
    /// <see cref="FoldingConvLayer"/>: passes its input on while the conv computes both.
    /// </summary>
    private sealed class FoldedBatchNormLayer : Module<Tensor, Tensor>
    {
        private readonly FoldingConvLayer _conv;

        // Not readonly: .to(device or dtype) sets the fields of the same component name to the moved tensors.
        [global::TorchSharp.Utils.ComponentName(Name = "weight")]
        private Parameter? _weight;
        [global::TorchSharp.Utils.ComponentName(Name = "bias")]
        private Parameter _bias;
        [global::TorchSharp.Utils.ComponentName(Name = "running_mean")]
        private Tensor _runningMean;
        [global::TorchSharp.Utils.ComponentName(Name = "running_var")]
        private Tensor _runningVar;
        [global::TorchSharp.Utils.ComponentName(Name = "num_batches_tracked")]
        private Tensor _batchesTracked;

        public FoldedBatchNormLayer(FoldingConvLayer conv, long channels, double eps, double momentum, bool scale) : base(scale ? "BatchNorm2d" : "UnscaledBatchNorm")
        {
            _conv = conv;
            Eps = eps;
            Momentum = momentum;
            _weight = scale ? new Parameter(torch.ones(channels)) : null;
            _bias = new Parameter(torch.zeros(channels));
            _runningMean = torch.zeros(channels);
            _runningVar = torch.ones(channels);
            _batchesTracked = torch.tensor(0L);
            if (_weight is not null) register_parameter("weight", _weight);
            register_parameter("bias", _bias);
            register_buffer("running_mean", _runningMean);
            register_buffer("running_var", _runningVar);
            register_buffer("num_batches_tracked", _batchesTracked);
            conv.Follow(this);
        }

        /// <summary>The tensors are registered in the constructor; TorchSharp must not register the fields again.</summary>
        protected override void RegisterComponents()
        {
        }

        internal double Eps { get; }

        internal double Momentum { get; }

        internal Tensor? Weight => _weight;

        internal Tensor Bias => _bias;

        internal Tensor RunningMean => _runningMean;

        internal Tensor RunningVar => _runningVar;

        public override Tensor forward(Tensor input)
        {
            // A new handle: the caller releases the conv's result and this one separately.
            if (!training && _conv.FoldsNow) return input.alias();
            if (training)
            {
                // The statistics change inside the kernel, which no version counter sees.
                _conv.Forget();
                using (torch.no_grad()) _batchesTracked.add_(1);
            }
            return nn.functional.batch_norm(input, _runningMean, _runningVar, _weight, _bias, training, Momentum, Eps);
        }
    }

    /// <summary>Which tensor object (its native handle) at which version (libtorch's counter of in-place writes); unknown where the version cannot be read.</summary>
    private readonly record struct TensorStamp(global::System.IntPtr Handle, long Version)
    {
        public bool Known => Version >= 0;

        public static TensorStamp Of(Tensor? tensor) => tensor is null ? new(global::System.IntPtr.Zero, 0) : new(tensor.Handle, TensorVersions.Of(tensor));
    }

    /// <summary>
    /// libtorch's version counter of a tensor (at::native::_version), bumped by every in-place write: an optimizer step,
    /// load_state_dict's copy_, a hand-written copy_. TorchSharp 0.107 does not expose it; it is looked up in the native
    /// library TorchSharp loaded (and those it depends on). Unknown (-1) where the lookup fails or for an inference-mode
    /// tensor, which keeps no counter: folded tensors are then recomputed at every call.
    /// </summary>
    private static class TensorVersions
    {
        [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
        private delegate long VersionOf(global::System.IntPtr tensor);

        [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
        [return: global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.I1)]
        private delegate bool IsInference(global::System.IntPtr tensor);

        private static readonly VersionOf? Version;
        private static readonly IsInference? Inference;

        static TensorVersions()
        {
            try
            {
                var library = global::System.Runtime.InteropServices.NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);
                if (global::System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, "_ZN2at6native8_versionERKNS_6TensorE", out var version)
                    && global::System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, "_ZN2at6native12is_inferenceERKNS_6TensorE", out var inference))
                {
                    Version = global::System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer<VersionOf>(version);
                    Inference = global::System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer<IsInference>(inference);
                }
            }
            catch (global::System.Exception)
            {
                // Unknown versions: always refold, never stale.
            }
        }

        public static long Of(Tensor tensor)
        {
            if (Version is null || Inference is null) return -1;
            var handle = tensor.Handle;
            return Inference(handle) ? -1 : Version(handle);
        }
    }
}
""";
}
