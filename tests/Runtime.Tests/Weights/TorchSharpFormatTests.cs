using System.IO;
using NetDsl.Examples;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>TorchSharp's own Module.save / Module.load format, both ways, with generated modules.</summary>
public sealed class TorchSharpFormatTests
{
    [Fact]
    public void FileWrittenByModuleSave_LoadsThroughTheCommonApi()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        manual_seed(11);
        var source = new MiniGoogLeNet();
        var path = Path.Combine(folder, "googlenet.dat");
        source.save(path);
        manual_seed(12);
        var target = new MiniGoogLeNet();

        var report = target.LoadWeights(path);

        Assert.True(report.IsExactMatch);
        Assert.Equal(WeightFormat.TorchSharp, WeightFile.Open(path).Format);
        foreach (var (key, tensor) in source.state_dict())
            AssertEqual(tensor, target.state_dict()[key]);
    }

    [Fact]
    public void FileWrittenHere_LoadsWithModuleLoad()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        manual_seed(13);
        var source = new SmallCnn();
        var path = Path.Combine(folder, "small.dat");
        source.SaveWeights(path);
        manual_seed(14);
        var target = new SmallCnn();

        target.load(path);

        foreach (var (key, tensor) in source.state_dict())
            AssertEqual(tensor, target.state_dict()[key]);
    }

    [Fact]
    public void TruncatedFile_IsRejected_AndTrailingBytesAreNoticed()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "net.dat");
        SmallNet().SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var model = SmallNet(seed: 9);
        var before = Snapshot(model);
        var damaged = Path.Combine(folder, "damaged.dat");

        for (var length = 1; length < bytes.Length; length += 5)
        {
            File.WriteAllBytes(damaged, bytes[..length]);
            Assert.IsType<WeightFormatException>(Record.Exception(() => model.LoadWeights(damaged, new WeightLoadOptions { Format = WeightFormat.TorchSharp })));
        }
        File.WriteAllBytes(damaged, [.. bytes, 0, 0]);
        Assert.Contains("follow the last tensor", Assert.Throws<WeightFormatException>(() => model.LoadWeights(damaged)).Message);
        AssertSameState(model, before);
    }
}
