using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NetDsl.Runtime.Tests.Weights;
using NetDsl.Runtime.Weights;
using PureHDF;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Keras .h5 files that reach outside themselves (external raw storage, external links, virtual datasets), loop
/// (soft-link cycles) or repeat one dataset: refused with a WeightFormatException naming the dataset and why, before
/// PureHDF reads anything, and the model untouched. The files are assembled byte by byte (<see cref="Hdf5Writer"/>)
/// or, for soft links, written by PureHDF.
/// </summary>
public sealed class HostileKerasFileTests
{
    private static readonly float[] Kernel = Enumerable.Range(0, 10).Select(i => i / 10f).ToArray();
    private static readonly float[] Bias = { 1, 2, 3, 4, 5 };
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>A Keras Dense(5) on 2 inputs in save_weights' layout, with its kernel made by <paramref name="kernel"/>.</summary>
    private static string DenseFile(string folder, string name, Func<Hdf5Writer, Hdf5Writer.Link> kernel, int repeatKernelName = 1)
    {
        var writer = new Hdf5Writer();
        var kernelLink = kernel(writer);
        var bias = writer.Dataset(new long[] { 5 }, Bias);
        var inner = writer.Group(new[] { kernelLink, new Hdf5Writer.HardLink("bias:0", bias) });
        var weightNames = Enumerable.Repeat("dense/kernel:0", repeatKernelName).Append("dense/bias:0").ToArray();
        var layer = writer.Group(new[] { new Hdf5Writer.HardLink("dense", inner) }, ("weight_names", weightNames));
        var root = writer.Group(new[] { new Hdf5Writer.HardLink("dense", layer) }, ("layer_names", new[] { "dense" }));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, writer.Finish(root));
        return path;
    }

    private static Hdf5Writer.Link StoredKernel(Hdf5Writer writer) =>
        new Hdf5Writer.HardLink("kernel:0", writer.Dataset(new long[] { 2, 5 }, Kernel));

    private static string Secret(string folder)
    {
        var path = Path.Combine(folder, "id_rsa");
        File.WriteAllBytes(path, Enumerable.Range(0, 40).Select(i => (byte)(0x41 + i)).ToArray());
        return path;
    }

    private static void AssertRefused(string path, params string[] expected)
    {
        using var scope = NewDisposeScope();
        var model = Dense();
        var before = Snapshot(model);
        var error = Assert.Throws<WeightFormatException>(() => model.LoadWeights(path));
        foreach (var text in expected)
            Assert.Contains(text, error.Message);
        AssertSameState(model, before);
    }

    [Fact]
    public void ThePlainLayout_LoadsThroughPureHdf_SoTheHostileOnesDifferOnlyInWhatTheyTest()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = DenseFile(folder, "plain.h5", StoredKernel);
        var model = Dense();

        model.LoadWeights(path);

        var state = model.state_dict();
        Assert.Equal(Kernel[1 * 5 + 3], state["dense.weight"][3, 1].item<float>());   // Keras kernel (in, out) → weight (out, in)
        Assert.Equal(Bias, state["dense.bias"].data<float>().ToArray());
    }

    [Fact]
    public void ExternalRawStorage_IsRefused_AndNoByteOfTheOtherFileIsRead()
    {
        var folder = NewFolder();
        var secret = Secret(folder);
        var path = DenseFile(folder, "external.h5", w => new Hdf5Writer.HardLink("kernel:0", w.ExternalStorageDataset(new long[] { 2, 5 }, secret, 0)));
        AssertRefused(path, "dataset '/dense/dense/kernel:0'", "external files", "refused");
    }

    [Fact]
    public void ExternalLink_IsRefused()
    {
        var folder = NewFolder();
        var other = DenseFile(folder, "other.h5", StoredKernel);
        var path = DenseFile(folder, "link.h5", _ => new Hdf5Writer.ExternalLink("kernel:0", other, "/dense/dense/kernel:0"));
        AssertRefused(path, "'/dense/dense/kernel:0'", "external link", "refused");
    }

    [Fact]
    public void VirtualDataset_IsRefused()
    {
        var folder = NewFolder();
        var other = DenseFile(folder, "other.h5", StoredKernel);
        var path = DenseFile(folder, "vds.h5", w => new Hdf5Writer.HardLink("kernel:0", w.VirtualDataset(new long[] { 2, 5 }, other, "/dense/dense/kernel:0")));
        AssertRefused(path, "dataset '/dense/dense/kernel:0'", "virtual dataset");
    }

    [Fact]
    public void ExternalStorageOrLinkToAFifo_IsRefused_WithoutWaiting()
    {
        var folder = NewFolder();
        var fifo = MakeFifo(folder, "fifo");
        var storage = DenseFile(folder, "storage.h5", w => new Hdf5Writer.HardLink("kernel:0", w.ExternalStorageDataset(new long[] { 2, 5 }, fifo, 0)));
        var link = DenseFile(folder, "link.h5", _ => new Hdf5Writer.ExternalLink("kernel:0", fifo, "/k"));

        foreach (var path in new[] { storage, link })
        {
            var outcome = ChildProcess.Run(Limit, "load-dense", path);
            Assert.Equal(nameof(WeightFormatException), outcome.Type);
            Assert.Contains("external", outcome.Message);
            Assert.False(outcome.ChangedModel);
        }
    }

    [Theory]
    [InlineData("self")]
    [InlineData("a-b-a")]
    public void SoftLinkCycles_AreRefused_InsteadOfOverflowingTheStack(string shape)
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, shape + ".h5");
        var file = new H5File { Attributes = new() { ["layer_names"] = new[] { shape == "self" ? "dense_1" : "a" } } };
        if (shape == "self")
        {
            file["dense_1"] = new H5SoftLink("/dense_1");
        }
        else
        {
            file["a"] = new H5SoftLink("/b");
            file["b"] = new H5SoftLink("/a");
        }
        file.Write(path);

        var outcome = ChildProcess.Run(Limit, "load-dense", path);

        Assert.Equal(nameof(WeightFormatException), outcome.Type);
        Assert.Contains("soft link", outcome.Message);
    }

    [Fact]
    public void RepeatedWeightNames_AreRefused_WithoutReadingTheDatasetAgainAndAgain()
    {
        var folder = NewFolder();
        var big = Enumerable.Range(0, 1 << 18).Select(i => (float)i).ToArray();   // 1 MB
        var path = DenseFile(folder, "repeated.h5", w => new Hdf5Writer.HardLink("kernel:0", w.Dataset(new long[] { 1 << 17, 2 }, big)), repeatKernelName: 2000);

        var outcome = ChildProcess.Run(Limit, "load-dense", path);

        Assert.Equal(nameof(WeightFormatException), outcome.Type);
        Assert.Contains("'dense/kernel:0' twice", outcome.Message);
        Assert.True(outcome.GrowthMb < 200, outcome.ToString());   // each repeat read 1 MB: 2 GB before
        Assert.True(outcome.Seconds < 30, outcome.ToString());
    }

    [Fact]
    public void ALayerListedTwice_IsRefused()
    {
        var folder = NewFolder();
        var writer = new Hdf5Writer();
        var kernel = writer.Dataset(new long[] { 2, 5 }, Kernel);
        var inner = writer.Group(new[] { new Hdf5Writer.HardLink("kernel:0", kernel) });
        var layer = writer.Group(new[] { new Hdf5Writer.HardLink("dense", inner) }, ("weight_names", new[] { "dense/kernel:0" }));
        var root = writer.Group(new[] { new Hdf5Writer.HardLink("dense", layer) }, ("layer_names", new[] { "dense", "dense" }));
        var path = Path.Combine(folder, "twice.h5");
        File.WriteAllBytes(path, writer.Finish(root));

        AssertRefused(path, "layer_names lists the layer 'dense' twice");
    }

    [Fact]
    public void OneDatasetReachedFromManyLayers_IsRefused_OnceTheFileIsSpent()
    {
        var folder = NewFolder();
        var writer = new Hdf5Writer();
        var kernel = writer.Dataset(new long[] { 2, 8192 }, new float[2 * 8192]);   // 64 KB, reached from 400 layers
        var names = Enumerable.Range(0, 400).Select(i => $"dense{i}").ToArray();
        var layers = names.Select(n => new Hdf5Writer.HardLink(n, writer.Group(
            new[] { new Hdf5Writer.HardLink(n, writer.Group(new[] { new Hdf5Writer.HardLink("kernel:0", kernel) })) },
            ("weight_names", new[] { $"{n}/kernel:0" })))).ToArray();
        var root = writer.Group(layers, ("layer_names", names));
        var path = Path.Combine(folder, "aliases.h5");
        File.WriteAllBytes(path, writer.Finish(root));

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("more than the file's", error.Message);
        Assert.Contains("named more than once", error.Message);
    }

    /// <summary>A model with one Linear(2, 5) named dense (state_dict dense.weight, dense.bias).</summary>
    internal static nn.Module<Tensor, Tensor> Dense() => nn.Sequential(("dense", nn.Linear(2, 5)));

    internal static string MakeFifo(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        Assert.Equal(0, mkfifo(path, 0x180 /* 0600 */));
        return path;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
