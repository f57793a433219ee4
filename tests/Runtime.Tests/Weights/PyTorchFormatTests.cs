using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NetDsl.Examples;
using NetDsl.Runtime.Weights;
using NetDsl.Runtime.Weights.Pickle;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

public sealed class PyTorchFormatTests
{
    [Fact]
    public void SaveThenLoad_GeneratedNetwork_RestoresEveryTensor()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        manual_seed(3);
        var source = new SmallCnn();
        var path = Path.Combine(folder, "small.pt");
        source.SaveWeights(path);
        manual_seed(4);
        var target = new SmallCnn();

        var report = target.LoadWeights(path);

        Assert.True(report.IsExactMatch);
        Assert.Equal(source.state_dict().Count, report.Loaded.Count);
        foreach (var (key, tensor) in source.state_dict())
            AssertEqual(tensor, target.state_dict()[key]);
    }

    [Fact]
    public void WrittenArchive_HasPyTorchsRecordsInPyTorchsOrder_AlignedTo64Bytes()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "layout.pt");
        NetDsl.Runtime.Weights.Weights.Save(new Dictionary<string, Tensor> { ["a"] = ones(2, 3), ["b"] = arange(4L) }, path);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(new[]
        {
            "layout/data.pkl", "layout/.format_version", "layout/.storage_alignment", "layout/byteorder",
            "layout/data/0", "layout/data/1", "layout/version", "layout/.data/serialization_id",
        }, zip.Entries.Select(e => e.FullName));
        Assert.Equal("3\n", Read(zip, "layout/version"));
        Assert.Equal("little", Read(zip, "layout/byteorder"));
        Assert.Equal("1", Read(zip, "layout/.format_version"));
        Assert.Equal("64", Read(zip, "layout/.storage_alignment"));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored, as PyTorch writes them

        // Every record's data starts on a 64-byte boundary (local header: 30 bytes + name + extra field).
        var bytes = File.ReadAllBytes(path);
        var dataOffsets = new List<long>();
        for (var at = 0; at + 30 <= bytes.Length && BitConverter.ToUInt32(bytes, at) == 0x04034b50;)
        {
            var size = BitConverter.ToUInt32(bytes, at + 18);
            var start = at + 30 + BitConverter.ToUInt16(bytes, at + 26) + BitConverter.ToUInt16(bytes, at + 28);
            dataOffsets.Add(start);
            at = (int)(start + size);
        }
        Assert.Equal(8, dataOffsets.Count);
        Assert.All(dataOffsets, offset => Assert.Equal(0, offset % 64));
    }

    [Fact]
    public void WrittenPickle_EqualsPythonsPickleOfTheSameStateDict()
    {
        // Python 3's pickle (protocol 2) of an OrderedDict of three tensors, with torch.save's persistent_id, produced by
        // pickling stand-ins whose __reduce_ex__ returns what torch.Tensor's does:
        // (_rebuild_tensor_v2, (storage, 0, size, stride, False, OrderedDict())).
        const string python =
            "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710128580b000000636f6e762e77656967687471" +
            "0263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a71032828580700000073746f7261676571" +
            "0463746f7263680a466c6f617453746f726167650a71055801000000307106580300000063707571074b06747108514b004b02" +
            "4b038671094b034b0186710a8968002952710b74710c52710d5809000000636f6e762e62696173710e68032828680463746f72" +
            "63680a4c6f6e6753746f726167650a710f580100000031711068074b02747111514b004b028571124b018571138968002952" +
            "711474711552711658060000007363616c617271176803282868046805580100000032711868074b01747119514b00292989" +
            "68002952711a74711b52711c752e";
        var written = PickleWriter.WriteStateDict(new PickleWriter.Entry[]
        {
            new("conv.weight", "0", ScalarType.Float32, 6, new long[] { 2, 3 }),
            new("conv.bias", "1", ScalarType.Int64, 2, new long[] { 2 }),
            new("scalar", "2", ScalarType.Float32, 1, Array.Empty<long>()),
        });
        Assert.Equal(python, Convert.ToHexString(written).ToLowerInvariant());
    }

    [Theory]
    [InlineData("state_dict", null)]
    [InlineData("model", null)]
    [InlineData("weights", "weights")]
    public void CheckpointWrappingTheStateDict_IsUnwrapped(string entry, string? option)
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        // {"epoch": 7, entry: {"module.w": tensor}} with the DataParallel prefix on the key.
        var pickle = new PickleBuilder().Proto().Op('}').Op('(')
            .Unicode("epoch").Int1(7)
            .Unicode(entry).EmptyOrderedDict().Op('(')
            .Unicode("module.w").Tensor("FloatStorage", "0", 2, 0, new long[] { 2 }, new long[] { 1 })
            .Op('u').Op('u').Stop().ToArray();
        var path = WriteArchive(folder, pickle, new[] { ("0", Floats(1.5f, -2f)) });
        var holder = new ParameterHolder();

        var report = holder.LoadWeights(path, new WeightLoadOptions { CheckpointEntry = option, StripPrefixes = new[] { "module." } });

        Assert.True(report.IsExactMatch);
        Assert.Equal(new[] { 1.5f, -2f }, holder.w.data<float>().ToArray());
    }

    [Fact]
    public void CheckpointWithoutAStateDict_NamesItsEntries()
    {
        var folder = NewFolder();
        var pickle = new PickleBuilder().Proto().Op('}').Unicode("epoch").Int1(7).Op('s').Stop().ToArray();
        var path = WriteArchive(folder, pickle, Array.Empty<(string, byte[])>());

        var error = Assert.Throws<WeightFormatException>(() => new ParameterHolder().LoadWeights(path));

        Assert.Contains("no state_dict found", error.Message);
        Assert.Contains("'epoch'", error.Message);
        Assert.Contains("CheckpointEntry", error.Message);
    }

    [Fact]
    public void HandAssembledPickle_UsingEverySupportedOpcode_Loads()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var b = new PickleBuilder().Proto(4).Frame(0)
            // Top: a plain dict built with MARK ... DICT, holding an OrderedDict built with NEWOBJ and SETITEM/SETITEMS.
            .Op('(')
            .ShortUnicode("state_dict")
            .StackGlobal("collections", "OrderedDict").Memoize().Op(')').Byte(0x81) // NEWOBJ
            .LongPut(300)
            // "w" = _rebuild_parameter(_rebuild_tensor_v2(...), True, OrderedDict())
            .Unicode8("w")
            .Global("torch._utils", "_rebuild_parameter")
            .Global("torch._utils", "_rebuild_tensor_v2").Put(1).Op('(')
            .Op('(').Unicode("storage").Global("torch", "FloatStorage").Unicode("0").Unicode("cpu").Int2(2).Op('t').Op('Q')
            .Put(2) // the storage, reused below
            .Int4(0).Int1(2).Byte(0x85).Int1(1).Byte(0x85) // size (2,), stride (1,) via TUPLE1
            .Byte(0x88) // NEWTRUE requires_grad
            .EmptyOrderedDict().Op('t').Op('R')
            .Byte(0x88).EmptyOrderedDict().Byte(0x87) // TUPLE3 (tensor, True, hooks)
            .Op('R')
            .Op('s') // SETITEM
            .Op('(')
            // "v" shares storage 0 through BINGET, offset 1, size (1,): LONG4 and TUPLE2 for a 2-D shape.
            .ShortUnicode("v").Get(1).Op('(').Get(2).Long4(1).Int1(1).Int1(1).Byte(0x86).Int1(1).Int1(1).Byte(0x86)
            .Byte(0x89).EmptyOrderedDict().Op('t').Op('R')
            .Op('u') // SETITEMS
            // _metadata via BUILD with a dict state, as torch's OrderedDict state_dicts carry it.
            .Op('}').Unicode("_metadata").Op('}').Op('s').Op('b')
            // Unused values with the other opcodes: None, NEWFALSE, BINFLOAT, lists, bytes, POP, POP_MARK, DUP.
            .ShortUnicode("extra").Op(']').Op('N').Op('a').Op('(').Byte(0x89).Op('G').Bytes(0x3f, 0xf0, 0, 0, 0, 0, 0, 0).Op('e')
            .Op('(').Op('N').Op('N').Op('l').Op('a').Op('C').Byte(2).Bytes(1, 2).Op('a')
            // More strings and bytes, and LONG_BINGET of the state_dict memoized with LONG_BINPUT above.
            .Op('(').Op('T').Bytes(3, 0, 0, 0).Bytes("abc"u8.ToArray()).Op('U').Byte(1).Bytes((byte)'d')
            .Op('B').Bytes(1, 0, 0, 0).Byte(9).Byte(0x8e).Bytes(1, 0, 0, 0, 0, 0, 0, 0).Byte(8).LongGet(300).Op('e')
            .Op('N').Op('0').Op('(').Op('N').Op('1').Op('2').Op('0')
            .Op('d')
            .Op('.');
        var path = WriteArchive(folder, b.ToArray(), new[] { ("0", Floats(3f, 4f)) });
        var holder = new ParameterHolder(withV: true);

        var report = holder.LoadWeights(path);

        Assert.True(report.IsExactMatch, report.Describe());
        Assert.Equal(new[] { 3f, 4f }, holder.w.data<float>().ToArray());
        Assert.Equal(4f, holder.v[0, 0].item<float>());
    }

    [Fact]
    public void SharedStorage_AndNonContiguousStrides_AreRebuiltAsViews()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        // One storage of 6 floats 0..5: "t" is its transpose (size (3, 2), stride (1, 3)), "tail" is elements 4..5.
        var pickle = PickleBuilder.StateDict(
            b => b.Unicode("t").Tensor("FloatStorage", "7", 6, 0, new long[] { 3, 2 }, new long[] { 1, 3 }),
            b => b.Unicode("tail").Tensor("FloatStorage", "7", 6, 4, new long[] { 2 }, new long[] { 1 }),
            b => b.Unicode("bcast").Tensor("FloatStorage", "7", 6, 1, new long[] { 2, 3 }, new long[] { 0, 1 }));
        var path = WriteArchive(folder, pickle, new[] { ("7", Floats(0, 1, 2, 3, 4, 5)) });

        var tensors = NetDsl.Runtime.Weights.Weights.ReadTensors(path);

        AssertEqual(tensor(new float[] { 0, 3, 1, 4, 2, 5 }).reshape(3, 2), tensors["t"]);
        AssertEqual(tensor(new float[] { 4, 5 }), tensors["tail"]);
        AssertEqual(tensor(new float[] { 1, 2, 3, 1, 2, 3 }).reshape(2, 3), tensors["bcast"]);
        Assert.True(tensors["t"].is_contiguous());
    }

    public static TheoryData<string, ScalarType, byte[], object> Dtypes => new()
    {
        { "FloatStorage", ScalarType.Float32, Floats(1.5f, -2f), new[] { 1.5f, -2f } },
        { "DoubleStorage", ScalarType.Float64, BitConverter.GetBytes(1.25).Concat(BitConverter.GetBytes(-3.0)).ToArray(), new[] { 1.25, -3.0 } },
        { "HalfStorage", ScalarType.Float16, new byte[] { 0x00, 0x3e, 0x00, 0xc0 }, new[] { 1.5f, -2f } },
        { "BFloat16Storage", ScalarType.BFloat16, new byte[] { 0xc0, 0x3f, 0x00, 0xc0 }, new[] { 1.5f, -2f } },
        { "LongStorage", ScalarType.Int64, BitConverter.GetBytes(5L).Concat(BitConverter.GetBytes(-7L)).ToArray(), new[] { 5L, -7L } },
        { "IntStorage", ScalarType.Int32, BitConverter.GetBytes(5).Concat(BitConverter.GetBytes(-7)).ToArray(), new[] { 5, -7 } },
        { "ByteStorage", ScalarType.Byte, new byte[] { 200, 3 }, new byte[] { 200, 3 } },
        { "BoolStorage", ScalarType.Bool, new byte[] { 1, 0 }, new[] { true, false } },
    };

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void EveryDtype_IsReadWithItsValues_AndRoundTrips(string storage, ScalarType dtype, byte[] data, object expected)
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var pickle = PickleBuilder.StateDict(b => b.Unicode("x").Tensor(storage, "0", 2, 0, new long[] { 2 }, new long[] { 1 }));
        var path = WriteArchive(folder, pickle, new[] { ("0", data) });

        var x = NetDsl.Runtime.Weights.Weights.ReadTensors(path)["x"];

        Assert.Equal(dtype, x.dtype);
        AssertValues(expected, x);
        var again = Path.Combine(folder, "again.pt");
        NetDsl.Runtime.Weights.Weights.Save(new Dictionary<string, Tensor> { ["x"] = x }, again);
        AssertEqual(x, NetDsl.Runtime.Weights.Weights.ReadTensors(again)["x"]);
    }

    [Fact]
    public void BigEndianArchive_IsByteSwapped()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var pickle = PickleBuilder.StateDict(b => b.Unicode("x").Tensor("IntStorage", "0", 2, 0, new long[] { 2 }, new long[] { 1 }));
        var path = WriteArchive(folder, pickle, new[] { ("0", new byte[] { 0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe }) }, byteorder: "big");

        var x = NetDsl.Runtime.Weights.Weights.ReadTensors(path)["x"];

        Assert.Equal(new[] { 0x0102, -2 }, x.data<int>().ToArray());
    }

    [Fact]
    public void LegacyFormat_AndWholeModelPickles_AndTorchScript_AreRefusedWithAdvice()
    {
        var folder = NewFolder();
        var legacy = Path.Combine(folder, "legacy.pt");
        File.WriteAllBytes(legacy, new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e, 0, 0, 0 });
        var wholeModel = new PickleBuilder().Proto().Global("torchvision.models.resnet", "ResNet").Op(')').Byte(0x81).Op('}').Op('b').Stop().ToArray();
        var model = WriteArchive(folder, wholeModel, Array.Empty<(string, byte[])>(), fileName: "model.pt");
        var script = WriteArchive(folder, new[] { ("data.pkl", new byte[] { 0x80, 2, (byte)'}', (byte)'.' }), ("constants.pkl", new byte[] { 0x80, 2, (byte)')', (byte)'.' }), ("version", "3\n"u8.ToArray()) }, "script.pt");

        var legacyError = Assert.Throws<WeightFormatException>(() => WeightFile.Open(legacy));
        var modelError = Assert.Throws<WeightFormatException>(() => WeightFile.Open(model));
        var scriptError = Assert.Throws<WeightFormatException>(() => WeightFile.Open(script));

        Assert.Contains("legacy serialization format", legacyError.Message);
        Assert.Contains("state_dict", legacyError.Message);
        Assert.Contains("'torchvision.models.resnet.ResNet'", modelError.Message);
        Assert.Contains("whole model", modelError.Message);
        Assert.Contains("model.state_dict()", modelError.Message);
        Assert.Contains("TorchScript", scriptError.Message);
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.ASCII);
        return reader.ReadToEnd();
    }

    private static void AssertValues(object expected, Tensor actual)
    {
        switch (expected)
        {
            case float[] f:
                Assert.Equal(f, actual.to_type(ScalarType.Float32).data<float>().ToArray());
                break;
            case double[] d:
                Assert.Equal(d, actual.data<double>().ToArray());
                break;
            case long[] l:
                Assert.Equal(l, actual.data<long>().ToArray());
                break;
            case int[] i:
                Assert.Equal(i, actual.data<int>().ToArray());
                break;
            case byte[] u:
                Assert.Equal(u, actual.data<byte>().ToArray());
                break;
            case bool[] z:
                Assert.Equal(z, actual.data<bool>().ToArray());
                break;
        }
    }
}
