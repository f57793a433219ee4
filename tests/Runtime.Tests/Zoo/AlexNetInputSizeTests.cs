using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Zoo;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// AlexNet as Krizhevsky et al. describe it: 11x11 windows at stride 4 fit 227x227 inputs exactly. With the paper's
/// 224, the build warns (ND0210) that border pixels are dropped, and the maps before the classifier are 5x5, not 6x6.
/// </summary>
public sealed class AlexNetInputSizeTests
{
    private static readonly string Source = File.ReadAllText(Path.Combine(ZooFiles.Networks, "AlexNet.net"));

    [Fact]
    public void Size227_FitsEveryWindow()
    {
        var output = DslCompiler.Compile(new[] { new DslSource("AlexNet.net", Source) }, new CompileOptions("Check"));
        Assert.DoesNotContain(output.Diagnostics, d => d.Id == "ND0210" && d.Message.Contains("[3, 227, 227]"));
        Assert.DoesNotContain(output.Diagnostics, d => d.Severity == NetDsl.Diagnostics.DslSeverity.Error);
    }

    [Fact]
    public void Size224_WarnsThatBorderPixelsAreDropped()
    {
        var changed = Source.Replace("network AlexNetOriginal(classes = 1000, size = 227)", "network AlexNetOriginal(classes = 1000, size = 224)");
        Assert.NotEqual(Source, changed);
        var output = DslCompiler.Compile(new[] { new DslSource("AlexNet.net", changed) }, new CompileOptions("Check"));

        var warning = Assert.Single(output.Diagnostics, d => d.Id == "ND0210" && d.Message.Contains("[3, 224, 224]") && d.Message.Contains("'features.0'"));
        Assert.Contains("227x227", warning.Message);
        var conv1 = Source.Split('\n').ToList().FindIndex(line => line.Contains("conv(96, 11, stride: 4)")) + 1;
        Assert.Equal(conv1, warning.Span.StartLine + 1);
        var summary = output.Sources.Single(s => s.HintName == "AlexNetOriginal.g.cs").Text;
        Assert.Contains("[256, 5, 5]", summary);
        Assert.DoesNotContain("[256, 6, 6]", summary);
    }

    [Fact]
    public void Size224_AtRunTime_LeavesFiveByFiveMaps()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new AlexNetOriginal(size: 224);
        var features = (TorchSharp.torch.nn.Module<Tensor, Tensor>)model.named_modules().Single(m => m.name == "features").module;
        long[]? shape = null;
        features.register_forward_hook((_, _, output) =>
        {
            shape = output.shape;
            return output;
        });
        model.eval();
        using (no_grad()) model.call(randn(1, 3, 224, 224));
        Assert.Equal(new long[] { 1, 256, 5, 5 }, shape);
        var fc6 = model.named_parameters().Single(p => p.name == "classifier.0.weight").parameter;
        Assert.Equal(new long[] { 4096, 256 * 5 * 5 }, fc6.shape);
    }
}
