using System;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.WeightFormats;

/// <summary>
/// A safetensors file read through a seekable stream, without TorchSharp: the header is checked when it is opened
/// (<see cref="SafeTensorsHeader"/>, against the stream's real length), and a tensor's bytes are copied out in small
/// chunks when asked, so memory stays bounded by the header whatever the file claims.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private const int ChunkSize = 1 << 16;

    private readonly Stream _stream;
    private readonly long _dataStart;

    private SafeTensorsFile(Stream stream, long dataStart, IReadOnlyList<SafeTensorsEntry> tensors)
    {
        _stream = stream;
        _dataStart = dataStart;
        Tensors = tensors;
    }

    /// <summary>The tensors, in the header's order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Tensors { get; }

    /// <summary>Reads and checks the header of <paramref name="stream"/> (which must seek); the file owns the stream from then on.</summary>
    /// <exception cref="WeightFileException">The header breaks one of the format's rules.</exception>
    public static SafeTensorsFile Open(Stream stream)
    {
        try
        {
            if (!stream.CanSeek) throw new WeightFileException("the file cannot seek (a pipe or a terminal?); give a regular file");
            var length = stream.Length;
            var first8 = ReadAt(stream, 0, (int)Math.Min(8, length));
            var headerLength = SafeTensorsHeader.HeaderLength(first8, length);
            var header = ReadAt(stream, 8, (int)headerLength);
            var tensors = SafeTensorsHeader.Parse(header, length - 8 - headerLength);
            return new SafeTensorsFile(stream, 8 + headerLength, tensors);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Copies the bytes of <paramref name="tensor"/> (one of <see cref="Tensors"/>) to <paramref name="destination"/>, <paramref name="convert"/>ed chunk by chunk when given.</summary>
    /// <param name="convert">Turns a chunk of whole elements into the bytes to write.</param>
    public void CopyTo(SafeTensorsEntry tensor, Stream destination, Func<byte[], int, byte[]>? convert = null)
    {
        var elementSize = SafeTensorsHeader.ElementSizes[tensor.DType];
        var buffer = new byte[ChunkSize / elementSize * elementSize];
        _stream.Position = _dataStart + tensor.Begin;
        for (var left = tensor.Length; left > 0;)
        {
            var count = (int)Math.Min(buffer.Length, left);
            ReadExactly(_stream, buffer, count);
            if (convert is null) destination.Write(buffer, 0, count);
            else
            {
                var converted = convert(buffer, count);
                destination.Write(converted, 0, converted.Length);
            }
            left -= count;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var bytes = new byte[count];
        stream.Position = offset;
        ReadExactly(stream, bytes, count);
        return bytes;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int count)
    {
        for (var read = 0; read < count;)
        {
            var n = stream.Read(buffer, read, count - read);
            if (n == 0) throw new WeightFileException($"the file ended at byte {stream.Position} while {count - read} more were expected (it changed while being read?)");
            read += n;
        }
    }
}
