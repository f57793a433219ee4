using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Examples;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

public sealed class SafeTensorsTests
{
    [Fact]
    public void SaveThenLoad_GeneratedNetwork_RoundTrips()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        manual_seed(7);
        var source = new ResNet20();
        var path = Path.Combine(folder, "resnet.safetensors");
        source.SaveWeights(path);
        manual_seed(8);
        var target = new ResNet20();

        Assert.True(target.LoadWeights(path).IsExactMatch);

        foreach (var (key, tensor) in source.state_dict())
            AssertEqual(tensor, target.state_dict()[key]);
    }

    [Fact]
    public void WrittenFile_HasAnEightByteAlignedHeader_AndEveryDtype()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(2, 3), ["f64"] = randn(3, dtype: ScalarType.Float64), ["f16"] = randn(4).to_type(ScalarType.Float16),
            ["bf16"] = randn(4).to_type(ScalarType.BFloat16), ["i64"] = arange(5L), ["i32"] = arange(3, dtype: ScalarType.Int32),
            ["u8"] = arange(7, dtype: ScalarType.Byte), ["b"] = tensor(new[] { true, false, true }), ["scalar"] = tensor(2.5f),
            ["empty"] = zeros(0, 3),
        };
        var path = Path.Combine(folder, "all.safetensors");
        NetDsl.Runtime.Weights.Weights.Save(tensors, path);

        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Contains("\"__metadata__\":{\"format\":\"pt\"}", Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        var read = NetDsl.Runtime.Weights.Weights.ReadTensors(path);
        Assert.Equal(tensors.Keys.OrderBy(k => k), read.Keys.OrderBy(k => k));
        foreach (var (key, tensor) in tensors)
            AssertEqual(tensor, read[key]);
    }

    public static TheoryData<string, string> BadHeaders => new()
    {
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "" }, // control: valid
        { """{"a":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", "dtype 'F8_E4M3'" },
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12 bytes but its offsets span 8" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "overlaps" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "gap" },
        { """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", "truncated" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "cover 4 data bytes but the file has 8" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "ends (0) before it begins (8)" },
        { """{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "malformed shape" },
        { """{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}""", "overflow 64 bits" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""", "unexpected or repeated field 'extra'" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "twice" },
        { """{"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "__metadata__" },
        { """[1,2]""", "not a JSON object" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", "not valid JSON" },
        { """{"a":{"b":{"c":{"d":{}}}}}""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Header_IsValidatedBeforeAnyDataIsRead(string header, string expected)
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "bad.safetensors");
        var headerBytes = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(Floats(1, 2)).ToArray());

        if (expected.Length == 0)
        {
            AssertEqual(tensor(new[] { 1f, 2f }), NetDsl.Runtime.Weights.Weights.ReadTensors(path, WeightFormat.SafeTensors)["a"]);
            return;
        }
        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path, WeightFormat.SafeTensors));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void HeaderLength_IsCheckedAgainstTheLimitAndTheFile()
    {
        var folder = NewFolder();
        var huge = Path.Combine(folder, "huge.safetensors");
        File.WriteAllBytes(huge, BitConverter.GetBytes(200_000_000UL).Concat("{}"u8.ToArray()).ToArray());
        var past = Path.Combine(folder, "past.safetensors");
        File.WriteAllBytes(past, BitConverter.GetBytes(50_000UL).Concat("{}"u8.ToArray()).ToArray());

        Assert.Contains("100000000-byte limit", Assert.Throws<WeightFormatException>(() => WeightFile.Open(huge, WeightFormat.SafeTensors)).Message);
        Assert.Contains("truncated", Assert.Throws<WeightFormatException>(() => WeightFile.Open(past, WeightFormat.SafeTensors)).Message);
    }

    [Fact]
    public void TruncatedOrHeaderFlippedFiles_AreRejected_AndTheModelIsUntouched()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "net.safetensors");
        SmallNet(seed: 2).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        var model = SmallNet(seed: 3);
        var before = Snapshot(model);
        var damaged = Path.Combine(folder, "damaged.safetensors");

        for (var length = 0; length < bytes.Length; length += 7)
        {
            File.WriteAllBytes(damaged, bytes[..length]);
            Assert.IsAssignableFrom<WeightException>(Record.Exception(() => model.LoadWeights(damaged)));
        }
        // Flips in the header: the length, a dtype letter, a shape digit, an offset digit, a brace.
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        foreach (var at in new[] { 1, 8 + header.IndexOf("F32", StringComparison.Ordinal), 8 + header.IndexOf("[3,2,3,3]", StringComparison.Ordinal) + 1,
                                   8 + header.LastIndexOf("data_offsets", StringComparison.Ordinal) + 16, 8 })
        {
            var flipped = (byte[])bytes.Clone();
            flipped[at] ^= 0x04;
            File.WriteAllBytes(damaged, flipped);
            Assert.IsAssignableFrom<WeightException>(Record.Exception(() => model.LoadWeights(damaged)));
        }
        AssertSameState(model, before);
    }
}
