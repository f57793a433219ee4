using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using NetDsl.Runtime.Weights.Zip;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>Models, archives and comparisons shared by the weight tests. Loads TorchSharp's native library first.</summary>
internal static class WeightTestSupport
{
    static WeightTestSupport() => TorchNative.EnsureLoaded();

    /// <summary>Call at the start of every test: makes sure the native library is loaded before torch is touched.</summary>
    public static string NewFolder() => TestPaths.NewTempFolder();

    /// <summary>A small conv → bn → relu → flatten → linear network with PyTorch-style keys 0.weight, 1.running_mean, 4.bias.</summary>
    public static nn.Module<Tensor, Tensor> SmallNet(int seed = 1)
    {
        torch.manual_seed(seed);
        var model = nn.Sequential(
            ("0", nn.Conv2d(2, 3, 3, padding: 1)),
            ("1", nn.BatchNorm2d(3)),
            ("2", nn.ReLU()),
            ("3", nn.Flatten()),
            ("4", nn.Linear(3 * 4 * 4, 5)));
        // Non-trivial statistics, so a lost buffer is noticed.
        using (no_grad())
        {
            ((Tensor)model.state_dict()["1.running_mean"]).copy_(torch.randn(3));
            ((Tensor)model.state_dict()["1.running_var"]).copy_(torch.rand(3) + 0.5);
        }
        return model;
    }

    /// <summary>Clones of every state_dict tensor, to compare a model with later.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    public static bool SameState(nn.Module model, Dictionary<string, Tensor> snapshot)
    {
        var now = model.state_dict();
        return now.Count == snapshot.Count && now.All(kv => snapshot.TryGetValue(kv.Key, out var t) && Same(t, kv.Value));
    }

    public static void AssertSameState(nn.Module model, Dictionary<string, Tensor> snapshot) =>
        Assert.True(SameState(model, snapshot), "the model's state changed");

    public static void AssertEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.True(Same(expected, actual), "tensor values differ");
    }

    /// <summary>Same shape, dtype and bytes (so NaNs loaded from a fuzzed file compare equal to themselves).</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype)
            return false;
        if (a.numel() == 0)
            return true;
        var x = a.contiguous();
        var y = b.contiguous();
        return x.bytes.SequenceEqual(y.bytes);
    }

    /// <summary>Writes a torch.save-style archive with exactly these records (under "archive/"), in this order.</summary>
    public static string WriteArchive(string folder, IEnumerable<(string Name, byte[] Data)> records, string fileName = "hand.pt")
    {
        var path = Path.Combine(folder, fileName);
        using var stream = File.Create(path);
        var zip = new ZipWriter(stream, "archive");
        foreach (var (name, data) in records)
            zip.Write(name, data);
        zip.Finish();
        return path;
    }

    /// <summary>An archive with data.pkl, version 3, byteorder and the given storages.</summary>
    public static string WriteArchive(string folder, byte[] pickle, IEnumerable<(string Key, byte[] Data)> storages, string byteorder = "little", string fileName = "hand.pt") =>
        WriteArchive(folder,
            new[] { ("data.pkl", pickle), ("byteorder", System.Text.Encoding.ASCII.GetBytes(byteorder)) }
                .Concat(storages.Select(s => ($"data/{s.Key}", s.Data)))
                .Append(("version", "3\n"u8.ToArray())),
            fileName);

    public static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
