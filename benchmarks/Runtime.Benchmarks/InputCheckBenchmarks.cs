using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// What the input check of a generated forward costs (docs/language.md, "What the generator emits"): the check alone
/// (the tensor's shape and dtype read through TorchSharp, compared with InputShape), and a whole forward pass of the
/// small CNN at batch 1, where the check weighs most, generated (with the check) against hand-written (without).
/// </summary>
[MemoryDiagnoser]
public class InputCheckBenchmarks
{
    private BenchCnn _generated = null!;
    private nn.Module<Tensor, Tensor> _handWritten = null!;
    private Tensor _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        _generated = new BenchCnn();
        _handWritten = new HandWrittenCnn();
        _handWritten.load_state_dict(_generated.state_dict());
        _generated.eval();
        _handWritten.eval();
        _input = randn(1, 1, 28, 28);
    }

    [Benchmark]
    public void InputCheck() => NetDslLayers.CheckInput(_input, _generated.InputShape, "BenchCnn");

    [Benchmark(Baseline = true)]
    public float Forward_HandWritten_Batch1() => Forward(_handWritten);

    [Benchmark]
    public float Forward_Generated_Batch1() => Forward(_generated);

    private float Forward(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(_input)[0, 0].item<float>();
    }
}
