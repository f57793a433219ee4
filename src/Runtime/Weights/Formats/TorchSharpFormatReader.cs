using System;
using System.Collections.Generic;
using System.Text;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Reads TorchSharp's <c>Module.save</c> format: a LEB128 entry count, then per entry the key (a .NET BinaryWriter
/// string: 7-bit encoded byte length, UTF-8), the dtype as a LEB128 <c>ScalarType</c> number, the rank and each
/// dimension as LEB128, then the raw little-endian elements. Every declared length is checked against what is left
/// of the file before it is used; the file must end right after the last tensor.
/// </summary>
internal static class TorchSharpFormatReader
{
    public static IReadOnlyList<StoredTensor> Read(MappedFile file)
    {
        var cursor = new Cursor(file);
        var count = cursor.Leb128("the entry count");
        if (count > file.Length / 4)
            throw cursor.Bad($"the file claims {count} tensors, more than {file.Length} bytes can hold");
        var tensors = new List<StoredTensor>((int)count);
        for (long i = 0; i < count; i++)
        {
            var name = cursor.String($"the key of entry {i}");
            var dtypeNumber = cursor.Leb128($"the dtype of '{name}'");
            var dtype = (ScalarType)dtypeNumber;
            if (dtypeNumber > 64 || !DTypes.IsSupported(dtype))
                throw cursor.Bad($"tensor '{name}' has dtype number {dtypeNumber}, which is not a supported dtype");
            var rank = cursor.Leb128($"the rank of '{name}'");
            if (rank > 64)
                throw cursor.Bad($"tensor '{name}' claims {rank} dimensions");
            var shape = new long[rank];
            for (var d = 0; d < rank; d++)
                shape[d] = cursor.Leb128($"the shape of '{name}'");
            var elementSize = DTypes.ElementSize(dtype);
            if (Shapes.Problem(shape, elementSize) is { } problem)
                throw cursor.Bad($"tensor '{name}': {problem}");
            var numel = Shapes.CheckedNumel(shape);
            if (numel * elementSize > file.Length - cursor.Position)
                throw cursor.Bad($"tensor '{name}' of shape {Shapes.Format(shape)} needs more bytes than the file has left (truncated?)");
            tensors.Add(new MappedStoredTensor(name, shape, dtype, file, cursor.Position));
            cursor.Skip(numel * elementSize);
        }
        if (cursor.Position != file.Length)
            throw cursor.Bad($"{file.Length - cursor.Position} bytes follow the last tensor; this is not a TorchSharp weight file " +
                             "(or it is damaged). Name the format explicitly if it is another one.");
        return tensors;
    }

    private sealed class Cursor
    {
        private readonly MappedFile _file;

        public Cursor(MappedFile file) => _file = file;

        public long Position { get; private set; }

        public long Leb128(string what)
        {
            long value = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                var b = Byte(what);
                value |= (long)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                    return value;
            }
            throw Bad($"{what} is not a valid LEB128 number");
        }

        public string String(string what)
        {
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 28)
                    throw Bad($"{what} has a malformed length");
                var b = Byte(what);
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                    break;
            }
            if (length < 0 || length > 65536 || length > _file.Length - Position)
                throw Bad($"{what} claims {length} bytes (truncated or not a TorchSharp file?)");
            var bytes = _file.ReadBytes(Position, length, what);
            Position += length;
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Bad($"{what} is not valid UTF-8");
            }
        }

        public void Skip(long count) => Position += count;

        public WeightFormatException Bad(string message) => new($"TorchSharp format: {message} (at byte {Position}).", _file.Path);

        private byte Byte(string what)
        {
            if (Position >= _file.Length)
                throw Bad($"the file ends inside {what} (truncated?)");
            Span<byte> one = stackalloc byte[1];
            _file.Read(Position, one, what);
            Position++;
            return one[0];
        }
    }
}
