using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Tests.Weights;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Weight files whose cost is out of proportion to their size, whose sizes overflow, whose errors were reported as
/// something else, or that are not files at all: each refused with a WeightFormatException that says what it is.
/// </summary>
public sealed class HostileWeightFileTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public void ManyMarks_CostTimeAndMemoryInProportionToThePickle()
    {
        // 1,000,000 objects, then 1,000,000 MARK/POP_MARK pairs (6 MB): each MARK copied the stack before, which
        // never finished; with a mark stack it is linear.
        var folder = NewFolder();
        var pickle = new PickleBuilder().Proto();
        const int count = 1_000_000;
        pickle.Bytes(Enumerable.Repeat((byte)'N', count).ToArray());
        pickle.Bytes(Enumerable.Range(0, 2 * count).Select(i => (byte)(i % 2 == 0 ? '(' : '1')).ToArray());
        var path = WriteArchive(folder, pickle.Op('}').Stop().ToArray(), Array.Empty<(string, byte[])>(), fileName: "marks.pt");

        var outcome = ChildProcess.Run(Limit, "read-tensors", path);

        Assert.Equal(nameof(WeightFormatException), outcome.Type);
        Assert.Contains($"STOP with {count + 1} objects", outcome.Message);
        Assert.True(outcome.Seconds < 20, outcome.ToString());
        Assert.True(outcome.GrowthMb < 400, outcome.ToString());
    }

    [Fact]
    public void AViewLargerThanItsStorage_IsRefused_BeforeAnythingIsAllocated()
    {
        // One stored float viewed as 2^29 of them (stride 0, as an expanded tensor is saved): 2 GiB from a few bytes.
        var folder = NewFolder();
        var pickle = PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 1, 0, new long[] { 1L << 28 }, new long[] { 0 }));
        var path = WriteArchive(folder, pickle, new[] { ("0", Floats(1)) }, fileName: "expanded.pt");

        var outcome = ChildProcess.Run(Limit, "read-tensors", path);

        Assert.Equal(nameof(WeightFormatException), outcome.Type);
        Assert.Contains("more than the 1 of its storage", outcome.Message);
        Assert.True(outcome.GrowthMb < 100, outcome.ToString());
    }

    [Fact]
    public void ManyKeysOnOneStorage_AreRefused_PastTwiceTheFile()
    {
        var folder = NewFolder();
        var storage = Floats(Enumerable.Range(0, 4096).Select(i => (float)i).ToArray());   // 16 KB
        var keys = Enumerable.Range(0, 64).Select(i => (Action<PickleBuilder>)(b =>
            b.Unicode($"k{i}").Tensor("FloatStorage", "0", 4096, 0, new long[] { 4096 }, new long[] { 1 }))).ToArray();
        var path = WriteArchive(folder, PickleBuilder.StateDict(keys), new[] { ("0", storage) }, fileName: "tied.pt");

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("many keys view the same storage", error.Message);

        // Two keys on one storage (tied weights) are fine.
        var tied = WriteArchive(folder, PickleBuilder.StateDict(keys[..2]), new[] { ("0", storage) }, fileName: "tied2.pt");
        using var file = WeightFile.Open(tied);
        Assert.Equal(2, file.Tensors.Count);
    }

    [Theory]
    [InlineData("pt")]
    [InlineData("safetensors")]
    [InlineData("dat")]
    public void ShapesWhoseStridesOverflow_AreAWeightFormatException_NotANativeError(string format)
    {
        var folder = NewFolder();
        var shape = new[] { 0L, 1L << 62, 1L << 62 };
        var path = Path.Combine(folder, "overflow." + format);
        switch (format)
        {
            case "pt":
                path = WriteArchive(folder, PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 1, 0, shape, new long[] { 1, 1, 1 })),
                    new[] { ("0", Floats(1)) }, fileName: "overflow.pt");
                break;
            case "safetensors":
                WriteSafeTensors(path, "x", "F32", shape, Array.Empty<byte>());
                break;
            default:
                File.WriteAllBytes(path, new byte[] { 1, 1, (byte)'x', 6, 3 }.Concat(new[] { 0L, 1L << 62, 1L << 62 }.SelectMany(Leb128)).ToArray());
                break;
        }

        var error = Assert.Throws<WeightFormatException>(() => NetDsl.Runtime.Weights.Weights.ReadTensors(path));

        Assert.Contains("overflow 64 bits", error.Message);
    }

    [Fact]
    public void ASafeTensorsTensorOver2GiB_IsRefusedByName()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "big.safetensors");
        const long size = (1L << 31) + 8;
        WriteSafeTensors(path, "embedding", "U8", new[] { size }, Array.Empty<byte>());
        using (var file = File.OpenWrite(path))
            file.SetLength(file.Length + size);   // sparse: nothing is written

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("'embedding'", error.Message);
        Assert.Contains("2 GiB", error.Message);
    }

    [Fact]
    public void ABadSafeTensorsHeaderLength_IsReportedAsSafeTensors()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "length.safetensors");
        var header = Encoding.UTF8.GetBytes("{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}");
        File.WriteAllBytes(path, BitConverter.GetBytes(0xFFFFFFFFFFUL).Concat(header).Concat(new byte[4]).ToArray());

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("safetensors: the header claims 1099511627775 bytes", error.Message);
    }

    [Fact]
    public void ATorchScriptArchive_IsNamed_ThoughItsCodeIsCompressed()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "scripted.pt");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Add(string name, byte[] data, CompressionLevel level)
            {
                using var entry = zip.CreateEntry("scripted/" + name, level).Open();
                entry.Write(data);
            }
            Add("data.pkl", PickleBuilder.StateDict(), CompressionLevel.NoCompression);
            Add("code/__torch__.py", Encoding.UTF8.GetBytes("class Net(Module):\n  pass\n"), CompressionLevel.Optimal);
            Add("constants.pkl", new PickleBuilder().Proto().Op(')').Stop().ToArray(), CompressionLevel.NoCompression);
            Add("version", "3\n"u8.ToArray(), CompressionLevel.NoCompression);
        }

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("TorchScript archive", error.Message);
    }

    [Fact]
    public void ControlBytesInKeys_AreEscapedInMessages()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "keys.safetensors");
        const string key = "0.weight\u001b[2J\u001b[31mEVIL\u0007\r\nforged line";
        WriteSafeTensors(path, key, "F32", new[] { 1L }, new byte[4]);
        var model = nn.Sequential(("0", nn.Linear(2, 3)));

        var error = Assert.Throws<WeightMismatchException>(() => model.LoadWeights(path));

        Assert.Contains("0.weight\\u001b[2J\\u001b[31mEVIL\\u0007\\u000d\\u000aforged line", error.Message);
        Assert.DoesNotContain(error.Message, c => c != '\n' && char.IsControl(c));
    }

    [Fact]
    public void AZeroedRecordCrc_IsCheckedLikeAnyOther()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "crc.pt");
        SmallNet(seed: 3).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var name = "crc/data/0"u8.ToArray();
        // The record's CRC-32 in its local header (offset 14) and its central directory entry (offset 16), zeroed;
        // then one bit of its data flipped.
        var local = Find(bytes, new byte[] { 0x50, 0x4b, 0x03, 0x04 }, name, 30);
        var central = Find(bytes, new byte[] { 0x50, 0x4b, 0x01, 0x02 }, name, 46);
        BitConverter.GetBytes(0u).CopyTo(bytes, local + 14);
        BitConverter.GetBytes(0u).CopyTo(bytes, central + 16);
        var data = local + 30 + BitConverter.ToUInt16(bytes, local + 26) + BitConverter.ToUInt16(bytes, local + 28);
        bytes[data + 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var model = SmallNet(seed: 4);
        var before = Snapshot(model);

        var error = Assert.Throws<WeightFormatException>(() => model.LoadWeights(path));

        Assert.Contains("'crc/data/0' fails its CRC-32 check", error.Message);
        AssertSameState(model, before);
    }

    [Fact]
    public void AFifoOrAFolderAsTheWeightPath_IsRefused_WithoutWaiting()
    {
        var folder = NewFolder();
        var fifo = HostileKerasFileTests.MakeFifo(folder, "weights.pt");

        var outcome = ChildProcess.Run(Limit, "read-tensors", fifo);

        Assert.Equal(nameof(WeightFormatException), outcome.Type);
        Assert.Contains("is a pipe, FIFO, socket or terminal, not a regular file", outcome.Message);
        Assert.Contains("is a folder", Assert.Throws<WeightFormatException>(() => WeightFile.Open(folder)).Message);
    }

    private static int Find(byte[] bytes, byte[] signature, byte[] name, int nameAt)
    {
        for (var i = 0; i + nameAt + name.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, 4).SequenceEqual(signature) && bytes.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
                return i;
        }
        throw new InvalidOperationException("record not found");
    }

    private static void WriteSafeTensors(string path, string key, string dtype, long[] shape, byte[] data)
    {
        var json = $"{{{System.Text.Json.JsonSerializer.Serialize(key)}: {{\"dtype\": \"{dtype}\", \"shape\": [{string.Join(", ", shape)}], " +
                   $"\"data_offsets\": [0, {(shape.Aggregate(1L, (a, d) => a * d) * (dtype == "U8" ? 1 : 4)).ToString()}]}}}}";
        var header = Encoding.UTF8.GetBytes(json);
        header = header.Concat(Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)).ToArray();
        File.WriteAllBytes(path, BitConverter.GetBytes((ulong)header.Length).Concat(header).Concat(data).ToArray());
    }

    private static byte[] Leb128(long value)
    {
        var bytes = new System.Collections.Generic.List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return bytes.ToArray();
    }
}
