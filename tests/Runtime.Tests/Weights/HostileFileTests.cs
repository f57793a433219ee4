using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>Hostile and damaged PyTorch archives: refused with a WeightFormatException, nothing run, the model untouched.</summary>
public sealed class HostileFileTests
{
    [Fact]
    public void OsSystemGlobal_IsRefusedByName_AndNothingRuns()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var marker = Path.Combine(folder, "pwned");
        var pickle = new PickleBuilder().Proto().Global("posix", "system").Op('(').Unicode($"touch {marker}").Op('t').Op('R').Stop().ToArray();
        var path = WriteArchive(folder, pickle, Array.Empty<(string, byte[])>());
        var model = SmallNet();
        var before = Snapshot(model);

        var error = Assert.Throws<WeightFormatException>(() => model.LoadWeights(path));

        Assert.Contains("'posix.system'", error.Message);
        Assert.Contains("refused", error.Message);
        Assert.False(File.Exists(marker));
        AssertSameState(model, before);
    }

    [Theory]
    [InlineData("builtins", "eval")]
    [InlineData("__builtin__", "getattr")]
    [InlineData("torch", "load")]
    [InlineData("torch._utils", "_rebuild_qtensor")]
    [InlineData("collections", "defaultdict")]
    public void AnyOtherGlobal_IsRefusedByName(string module, string name)
    {
        var folder = NewFolder();
        var pickle = new PickleBuilder().Proto().StackGlobal(module, name).Stop().ToArray();
        var path = WriteArchive(folder, pickle, Array.Empty<(string, byte[])>());

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains($"'{module}.{name}'", error.Message);
    }

    [Fact]
    public void ReduceOfSomethingNotCallable_IsRefused()
    {
        var folder = NewFolder();
        // A storage class "called" and a string "called".
        var storageCall = new PickleBuilder().Proto().Global("torch", "FloatStorage").Op(')').Op('R').Stop().ToArray();
        var stringCall = new PickleBuilder().Proto().Unicode("os.system").Op('(').Unicode("ls").Op('t').Op('R').Stop().ToArray();

        var one = Assert.Throws<WeightFormatException>(() => WeightFile.Open(WriteArchive(folder, storageCall, Array.Empty<(string, byte[])>(), fileName: "a.pt")));
        var two = Assert.Throws<WeightFormatException>(() => WeightFile.Open(WriteArchive(folder, stringCall, Array.Empty<(string, byte[])>(), fileName: "b.pt")));

        Assert.Contains("not callable", one.Message);
        Assert.Contains("not callable", two.Message);
    }

    [Fact]
    public void DeepNesting_IsRefused_WithoutRecursion()
    {
        var folder = NewFolder();
        var marks = new PickleBuilder().Proto();
        for (var i = 0; i < 100_000; i++)
            marks.Op('(');
        var tuples = new PickleBuilder().Proto().Op(')');
        for (var i = 0; i < 100_000; i++)
            tuples.Byte(0x85); // TUPLE1 of TUPLE1 of ...

        foreach (var (pickle, name) in new[] { (marks, "m.pt"), (tuples, "t.pt") })
        {
            var path = WriteArchive(folder, pickle.Stop().ToArray(), Array.Empty<(string, byte[])>(), fileName: name);
            var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));
            Assert.Contains("nested", error.Message);
        }

        // Lists nested through the memo (each list appended into its parent after it is made) are built
        // without recursion; the result is not a state_dict and is refused as such, quickly and without a crash.
        var memoLists = new PickleBuilder().Proto().Op(']').Put(0);
        for (var i = 0; i < 100_000; i++)
            memoLists.Op(']').LongPut((uint)(i + 1)).Op('a').Op('0').LongGet((uint)(i + 1));
        var listPath = WriteArchive(folder, memoLists.Op('0').Get(0).Stop().ToArray(), Array.Empty<(string, byte[])>(), fileName: "l.pt");
        Assert.Contains("not a dict", Assert.Throws<WeightFormatException>(() => WeightFile.Open(listPath)).Message);
    }

    [Fact]
    public void HugeDeclaredSizes_AreRefusedBeforeAllocating()
    {
        var folder = NewFolder();
        var cases = new (string Name, byte[] Pickle, string Expected)[]
        {
            ("string.pt", new PickleBuilder().Proto().Op('X').Bytes(BitConverter.GetBytes(0xFFFFFFF0u)).Bytes(1, 2, 3).ToArray(), "past the end"),
            ("string8.pt", new PickleBuilder().Proto().Byte(0x8d).Bytes(BitConverter.GetBytes(ulong.MaxValue)).ToArray(), "past the end"),
            ("bytes.pt", new PickleBuilder().Proto().Op('B').Bytes(BitConverter.GetBytes(0x7FFFFFFFu)).ToArray(), "past the end"),
            ("long4.pt", new PickleBuilder().Proto().Byte(0x8b).Bytes(BitConverter.GetBytes(1 << 30)).ToArray(), "beyond 64 bits"),
            ("frame.pt", new PickleBuilder().Proto(4).Frame(1UL << 40).ToArray(), "longer than the rest"),
            ("storage.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 1L << 50, 0, new long[] { 1L << 50 }, new long[] { 1 })), "record has 8 bytes"),
            ("view.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 2, 0, new long[] { 1L << 20, 1L << 20 }, new long[] { 1, 1 })), "(2 GiB)"),
            ("reach.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 2, 0, new long[] { 2 }, new long[] { 5 })), "reaches element"),
            ("overlap.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 2, 0, new long[] { 2, 2 }, new long[] { 1, 0 })), "more than the 2 of its storage"),
            ("overflow.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "0", 2, 0, new long[] { 1L << 62, 4 }, new long[] { 1L << 62, 1 })), "too many elements"),
            ("missing.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "9", 2, 0, new long[] { 2 }, new long[] { 1 })), "no record data/9"),
            ("escape.pt", PickleBuilder.StateDict(b => b.Unicode("x").Tensor("FloatStorage", "../../etc/passwd", 2, 0, new long[] { 2 }, new long[] { 1 })), "storage key"),
        };
        foreach (var (name, pickle, expected) in cases)
        {
            var path = WriteArchive(folder, pickle, new[] { ("0", Floats(1, 2)) }, fileName: name);
            var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void ZipDirectoryWithHugeCountsOrOffsets_IsRefusedBeforeReading()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "zip.pt");
        SmallNet().SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var end = bytes.Length - 22; // the end of central directory record (no comment)
        Assert.Equal(0x06054b50u, BitConverter.ToUInt32(bytes, end));

        foreach (var (offset, value, expected) in new[] { (10, 0xFFFFu, "room for"), (12, 0x7FFFFFF0u, "outside the file"), (16, 0x7FFFFFF0u, "outside the file") })
        {
            var damaged = (byte[])bytes.Clone();
            if (offset == 10)
                BitConverter.GetBytes((ushort)value).CopyTo(damaged, end + offset);
            else
                BitConverter.GetBytes(value).CopyTo(damaged, end + offset);
            File.WriteAllBytes(path, damaged);
            Assert.Contains(expected, Assert.Throws<WeightFormatException>(() => WeightFile.Open(path)).Message);
        }
    }

    [Fact]
    public void UnsupportedOpcode_IsNamed()
    {
        var folder = NewFolder();
        var pickle = new PickleBuilder().Proto().Op('i').Bytes("os\nsystem\n"u8.ToArray()).Stop().ToArray();
        var path = WriteArchive(folder, pickle, Array.Empty<(string, byte[])>());

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("opcode 0x69 (INST)", error.Message);
    }

    [Fact]
    public void TruncatedArchive_IsRejectedAtEveryLength()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var model = SmallNet();
        var path = Path.Combine(folder, "whole.pt");
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var before = Snapshot(model);
        var cut = Path.Combine(folder, "cut.pt");

        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            File.WriteAllBytes(cut, bytes[..length]);
            var error = Record.Exception(() => model.LoadWeights(cut));
            Assert.IsType<WeightFormatException>(error);
        }
        AssertSameState(model, before);
    }

    [Fact]
    public void BitFlipInStorageOrPickle_FailsTheCrc_AndLeavesTheModel()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var source = SmallNet(seed: 5);
        var path = Path.Combine(folder, "flip.pt");
        source.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var model = SmallNet(seed: 6);
        var before = Snapshot(model);

        // The last storage record's data (the linear bias) ends right before "version"'s local header.
        var version = IndexOf(bytes, "flip/version"u8.ToArray());
        var localHeader = LastIndexOf(bytes, new byte[] { 0x50, 0x4b, 0x03, 0x04 }, version);
        var flipped = (byte[])bytes.Clone();
        flipped[localHeader - 3] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        var storageError = Assert.Throws<WeightFormatException>(() => model.LoadWeights(path, new WeightLoadOptions { Strict = false }));

        var pickleFlip = (byte[])bytes.Clone();
        var pickleStart = IndexOf(bytes, "collections"u8.ToArray());
        pickleFlip[pickleStart + 2] ^= 0x01;
        File.WriteAllBytes(path, pickleFlip);
        var pickleError = Assert.Throws<WeightFormatException>(() => model.LoadWeights(path));

        Assert.Contains("CRC-32", storageError.Message);
        Assert.Contains("CRC-32", pickleError.Message);
        AssertSameState(model, before);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).First(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));

    private static int LastIndexOf(byte[] haystack, byte[] needle, int before) =>
        Enumerable.Range(0, before).Reverse().First(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
