using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>The one loading path: strict and non-strict matching, the report, key mapping, dtypes, atomicity.</summary>
public sealed class WeightLoaderTests
{
    // SmallNet's keys: 0.weight [3,2,3,3], 0.bias [3], 1.weight/bias/running_mean/running_var [3],
    // 1.num_batches_tracked [], 4.weight [5,48], 4.bias [5].
    private static Dictionary<string, Tensor> Mismatched()
    {
        var tensors = SmallNet(seed: 21).state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        tensors["0.weight"] = randn(3, 2, 5, 5); // shape mismatch
        tensors["1.bias"] = tensors["1.bias"].to_type(ScalarType.Float64); // dtype mismatch
        tensors.Remove("4.bias"); // missing
        tensors["extra.weight"] = ones(2); // unexpected
        return tensors;
    }

    [Fact]
    public void Strict_ReportsEveryProblemInOneError_AndLoadsNothing()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "mismatch.safetensors");
        NetDsl.Runtime.Weights.Weights.Save(Mismatched(), path);
        var model = SmallNet();
        var before = Snapshot(model);

        var error = Assert.Throws<WeightMismatchException>(() => model.LoadWeights(path));

        var report = error.Report;
        Assert.Equal(new[] { "4.bias" }, report.Missing);
        Assert.Equal(new[] { "extra.weight" }, report.Unexpected);
        Assert.Equal("0.weight", Assert.Single(report.ShapeMismatches).Key);
        Assert.Equal(new long[] { 3, 2, 3, 3 }, report.ShapeMismatches[0].ModelShape);
        Assert.Equal(new long[] { 3, 2, 5, 5 }, report.ShapeMismatches[0].FileShape);
        var dtype = Assert.Single(report.DTypeMismatches);
        Assert.Equal(("1.bias", ScalarType.Float32, ScalarType.Float64), (dtype.Key, dtype.ModelDType, dtype.FileDType));
        Assert.Contains("0.weight: model shape [3, 2, 3, 3], file shape [3, 2, 5, 5]", error.Message);
        Assert.Contains("1.bias: model shape [3], file shape [3], model dtype float32, file dtype float64", error.Message);
        Assert.Contains("4.bias", error.Message);
        Assert.Contains("extra.weight", error.Message);
        Assert.Contains("1 missing, 1 unexpected, 1 shape mismatches, 1 dtype mismatches", error.Message);
        AssertSameState(model, before);
    }

    [Fact]
    public void NonStrict_LoadsTheIntersection_AndReturnsTheReport()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "mismatch.pt");
        var file = Mismatched();
        NetDsl.Runtime.Weights.Weights.Save(file, path);
        var model = SmallNet();
        var before = Snapshot(model);

        var report = model.LoadWeights(path, new WeightLoadOptions { Strict = false });

        Assert.False(report.IsExactMatch);
        Assert.Equal(new[] { "0.bias", "1.num_batches_tracked", "1.running_mean", "1.running_var", "1.weight", "4.weight" }, report.Loaded.Order());
        foreach (var key in report.Loaded)
            AssertEqual(file[key], model.state_dict()[key]);
        foreach (var key in new[] { "0.weight", "1.bias", "4.bias" })
            AssertEqual(before[key], model.state_dict()[key]);
    }

    [Fact]
    public void ConvertFloatingPoint_LoadsFloat64IntoFloat32()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var source = SmallNet(seed: 22);
        var doubles = source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.dtype == ScalarType.Float32 ? kv.Value.to_type(ScalarType.Float64) : kv.Value);
        var path = Path.Combine(folder, "doubles.safetensors");
        NetDsl.Runtime.Weights.Weights.Save(doubles, path);
        var model = SmallNet();

        Assert.Equal(8, Assert.Throws<WeightMismatchException>(() => model.LoadWeights(path)).Report.DTypeMismatches.Count);
        Assert.True(model.LoadWeights(path, new WeightLoadOptions { ConvertFloatingPoint = true }).IsExactMatch);

        foreach (var (key, tensor) in source.state_dict())
            AssertEqual(tensor, model.state_dict()[key]);
    }

    [Fact]
    public void KeyMapping_StripsRenamesAndAddsPrefixes()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var source = SmallNet(seed: 23);
        // As nn.DataParallel saves it, with the classifier called "fc".
        var saved = source.state_dict().ToDictionary(kv => "module." + kv.Key.Replace("4.", "fc."), kv => kv.Value);
        var path = Path.Combine(folder, "parallel.pt");
        NetDsl.Runtime.Weights.Weights.Save(saved, path);
        var model = SmallNet();
        var wrapped = nn.Sequential(("backbone", SmallNet()));

        var error = Assert.Throws<WeightMismatchException>(() => model.LoadWeights(path));
        var report = model.LoadWeights(path, new WeightLoadOptions { StripPrefixes = new[] { "module." }, Rename = new Dictionary<string, string> { ["fc"] = "4" } });
        var prefixed = wrapped.LoadWeights(path, new WeightLoadOptions
        {
            StripPrefixes = new[] { "module." }, Rename = new Dictionary<string, string> { ["fc.weight"] = "4.weight", ["fc.bias"] = "4.bias" }, AddPrefix = "backbone.",
        });

        Assert.Contains("module.0.weight", error.Report.Unexpected);
        Assert.True(report.IsExactMatch);
        Assert.True(prefixed.IsExactMatch);
        foreach (var (key, tensor) in source.state_dict())
        {
            AssertEqual(tensor, model.state_dict()[key]);
            AssertEqual(tensor, wrapped.state_dict()["backbone." + key]);
        }
    }

    [Fact]
    public void MissingBatchNormCounter_IsNotAnError_AndIsReported()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var tensors = SmallNet(seed: 24).state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked")).ToDictionary(kv => kv.Key, kv => kv.Value);
        var path = Path.Combine(folder, "old.pt");
        NetDsl.Runtime.Weights.Weights.Save(tensors, path);

        var report = SmallNet().LoadWeights(path);

        Assert.True(report.IsExactMatch);
        Assert.Equal(new[] { "1.num_batches_tracked" }, report.UntouchedCounters);
    }

    [Fact]
    public void TwoFileKeysMappingToOne_AreRefused()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "twice.pt");
        NetDsl.Runtime.Weights.Weights.Save(new Dictionary<string, Tensor> { ["module.w"] = zeros(2), ["w"] = ones(2) }, path);

        var error = Assert.Throws<WeightFormatException>(() => new ParameterHolder().LoadWeights(path, new WeightLoadOptions { StripPrefixes = new[] { "module." } }));

        Assert.Contains("both map to 'w'", error.Message);
    }
}
