using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks.TorchVision;

/// <summary>A model of a <see cref="ComparisonCase"/> with its input: one call is one forward (evaluation, no gradients) or one SGD training step.</summary>
public sealed class ComparisonSide
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer? _optimizer;
    private readonly Tensor _input;
    private readonly Tensor _labels;

    public ComparisonSide(nn.Module<Tensor, Tensor> model, long[] input, bool trains)
    {
        _model = model;
        torch.manual_seed(1).Dispose();
        _input = randn(input);
        _labels = randint(1000, new[] { input[0] });
        if (trains)
        {
            _optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
            model.train();
        }
        else model.eval();
    }

    /// <summary>The model (loaded, in its mode), for callers that prepare it further.</summary>
    public nn.Module<Tensor, Tensor> Model => _model;

    /// <summary>The outputs of one forward in evaluation without gradients, in the caller's dispose scope.</summary>
    public Tensor Outputs()
    {
        using var noGrad = no_grad();
        return _model.call(_input);
    }

    public float Run()
    {
        using var scope = NewDisposeScope();
        if (_optimizer is null)
        {
            using var noGrad = no_grad();
            return _model.call(_input)[0, 0].item<float>();
        }
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(_input), _labels);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }
}
