using System.Linq;
using System.Text;
using NetDsl.WeightFormats;
using Xunit;

namespace NetDsl.DslTests.WeightFormats;

/// <summary>
/// The TorchSharp-free safetensors header reader and its JSON: what JSON allows is read as JSON reads it, anything else
/// is refused with what is wrong (Runtime.Tests' SafeTensorsTests check the format's rules through the runtime's reader).
/// </summary>
public sealed class SafeTensorsHeaderTests
{
    private static SafeTensorsEntry Single(string header, long dataLength = 8) => SafeTensorsHeader.Parse(Encoding.UTF8.GetBytes(header), dataLength).Single();

    [Fact]
    public void Escapes_whitespace_and_padding_are_read_as_JSON_reads_them()
    {
        var entry = Single("{ \"a\\u00e9\\\"\\/\\\\.\\n\" :\r\n\t{\"dtype\":\"F32\",\"shape\":[ 2 ],\"data_offsets\":[0, 8]},\"__metadata__\":{\"format\":\"pt\"}}      ");
        Assert.Equal("a\u00e9\"/\\.\n", entry.Name);
        Assert.Equal(new long[] { 2 }, entry.Shape);
        Assert.Equal((0L, 8L), (entry.Begin, entry.End));
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} x", "text after the end of the value")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],}}", "a member name (a string) was expected")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[02],\"data_offsets\":[0,8]}}", "']' was expected, not '2'")]
    [InlineData("{\"a\":{\"dtype\":\"F\u0001\",\"shape\":[2],\"data_offsets\":[0,8]}}", "a control character inside a string")]
    [InlineData("{\"a\\x\":1}", "unknown escape")]
    [InlineData("{\"a\":[[[[1]]]]}", "nesting deeper than 4")]
    [InlineData("{\"a\":tru}", "unexpected character")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", "tensor 'a' has a malformed shape")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}", "tensor 'a' has a malformed data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]},\"a\":1}", "the header names 'a' twice")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]", "the text ends where")]
    [InlineData("\"a\"", "the header is not a JSON object")]
    public void Anything_else_is_refused_with_what_is_wrong(string header, string message)
    {
        var error = Assert.Throws<WeightFileException>(() => SafeTensorsHeader.Parse(Encoding.UTF8.GetBytes(header), 8));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_header_length_is_checked_against_the_limit_and_the_file()
    {
        Assert.Equal(16, SafeTensorsHeader.HeaderLength(new byte[] { 16, 0, 0, 0, 0, 0, 0, 0 }, 24));
        Assert.Contains("but the file has 15 after the length (truncated?)",
            Assert.Throws<WeightFileException>(() => SafeTensorsHeader.HeaderLength(new byte[] { 16, 0, 0, 0, 0, 0, 0, 0 }, 23)).Message);
        Assert.Contains("more than the 100000000-byte limit",
            Assert.Throws<WeightFileException>(() => SafeTensorsHeader.HeaderLength(new byte[] { 0, 0, 0, 0, 1, 0, 0, 0 }, 1L << 40)).Message);
        Assert.Contains("shorter than the 8-byte header length",
            Assert.Throws<WeightFileException>(() => SafeTensorsHeader.HeaderLength(new byte[] { 1, 2, 3 }, 3)).Message);
    }
}
