using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Examples;
using NetDsl.Runtime.Reporting;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Reporting;

/// <summary>
/// <c>model.Summarize()</c>: a generated network instance's summary for the arguments it was built with, computed from
/// its embedded declaration, against what the instance really holds and computes.
/// </summary>
public sealed class NetworkSummaryTests
{
    [Fact]
    public void An_instance_built_with_other_arguments_describes_itself()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new ResNet20(classes: 5, blocks: 2);

        var summary = model.Summarize();

        Assert.Equal(model.parameters().Sum(p => p.numel()), summary.Parameters);
        Assert.Equal(("fc", "linear(5)", new Shape(5)), (summary.Layers[^1].Path, summary.Layers[^1].Op, summary.Layers[^1].Output));
        Assert.Contains(summary.Lines(), line => line.StartsWith("fc ", StringComparison.Ordinal) && line.Contains(" linear(5) ", StringComparison.Ordinal) && line.Contains(" [5] ", StringComparison.Ordinal));
        // Two basic blocks a stage instead of three: three stages of one block (7 rows) fewer.
        Assert.Equal(ResNet20.Layers.Count - 3 * 7, summary.Layers.Count);
        Assert.Equal(summary.Layers.Sum(l => l.MultiplyAccumulates), summary.MultiplyAccumulates);
        Assert.Equal(summary.Layers.Sum(l => l.Output.ElementCount * 4), summary.ActivationBytes);
        Assert.Equal(RuntimeShapes(model, summary.Layers, ResNet20.DeclaredInputShape), ModuleRows(model, summary.Layers).ToDictionary(l => l.Path, l => l.Output));
    }

    [Fact]
    public void The_declared_arguments_give_the_compile_time_summary_in_both_front_ends()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();

        var fromFile = new ResNet20().Summarize();
        var fromAttributes = new global::NetDsl.Examples.Attributes.ResNet20().Summarize();

        Assert.Equal(ResNet20.Summary, fromFile.ToString());
        Assert.Equal(ResNet20.Layers, fromFile.Layers);
        Assert.Equal(global::NetDsl.Examples.Attributes.ResNet20.Summary, fromAttributes.ToString());
        Assert.Equal(ResNet20.ParameterCount, fromFile.Parameters);
        Assert.Equal(ResNet20.MultiplyAccumulates, fromFile.MultiplyAccumulates);
    }

    [Fact]
    public void A_network_with_tied_weights_counts_the_shared_weight_once_as_parameters_does()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new TinyGpt(vocab: 80, depth: 3);

        var summary = model.Summarize();

        Assert.Equal(model.parameters().Sum(p => p.numel()), summary.Parameters);
        Assert.Equal("linear(80, bias: false, weight: transformer.wte.weight)", summary.Layers[^1].Op);
        Assert.Contains(summary.Layers, l => l.Path == "transformer.h.2.attn" && l.Op == "gpt_attention(4)");
    }

    /// <summary>The rows of modules: not those of functions and merges (a path with parentheses), nor learned tensors (state_dict keys).</summary>
    private static IEnumerable<LayerInfo> ModuleRows(nn.Module model, IReadOnlyList<LayerInfo> layers)
    {
        var keys = model.state_dict().Keys.ToHashSet(StringComparer.Ordinal);
        return layers.Where(l => !l.Path.Contains('(') && !keys.Contains(l.Path));
    }

    /// <summary>Each module row's output shape (batch excluded) as a forward pass of two samples computes it.</summary>
    private static Dictionary<string, Shape> RuntimeShapes(nn.Module<Tensor, Tensor> model, IReadOnlyList<LayerInfo> layers, Shape input)
    {
        model.eval();
        var modules = model.named_modules().ToDictionary(m => m.Item1, m => m.Item2);
        var seen = new Dictionary<string, Shape>();
        foreach (var layer in ModuleRows(model, layers))
        {
            var path = layer.Path;
            ((nn.Module<Tensor, Tensor>)modules[path]).register_forward_hook((_, _, output) =>
            {
                seen[path] = new Shape(output.shape.Skip(1).ToArray());
                return output;
            });
        }
        using (no_grad()) model.call(randn(new long[] { 2 }.Concat(input.ToArray()).ToArray()));
        return seen;
    }
}
