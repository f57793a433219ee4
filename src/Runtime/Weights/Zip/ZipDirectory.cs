using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace NetDsl.Runtime.Weights.Zip;

/// <summary>
/// The central directory of a zip archive as PyTorch writes it: stored records (compressed ones are listed for the reader to refuse), zip64 where needed. Every
/// offset and size is checked against the file before anything is read, so a corrupted or hostile directory is
/// refused with a <see cref="WeightFormatException"/> instead of causing a large allocation.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;
    private const int CentralHeaderSize = 46;
    private const int LocalHeaderSize = 30;

    private readonly Dictionary<string, ZipEntry> _byName;

    private ZipDirectory(List<ZipEntry> entries)
    {
        Entries = entries;
        _byName = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            _byName[entry.Name] = entry;
    }

    /// <summary>The records in central-directory order.</summary>
    public IReadOnlyList<ZipEntry> Entries { get; }

    public ZipEntry? Find(string name) => _byName.TryGetValue(name, out var entry) ? entry : null;

    public static ZipDirectory Read(MappedFile file)
    {
        var (cdOffset, cdSize, count, cdLimit) = ReadEnd(file);
        if (count > cdSize / CentralHeaderSize)
            throw Bad(file, $"the zip directory claims {count} records but has room for {cdSize / CentralHeaderSize}");
        var directory = file.ReadBytes(cdOffset, cdSize, "the zip central directory");
        var entries = new List<ZipEntry>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var at = 0;
        for (long i = 0; i < count; i++)
        {
            if (directory.Length - at < CentralHeaderSize || U32(directory, at) != CentralHeader)
                throw Bad(file, $"zip directory record {i} is damaged");
            var flags = U16(directory, at + 8);
            var method = U16(directory, at + 10);
            var crc = U32(directory, at + 16);
            long compressed = U32(directory, at + 20);
            long size = U32(directory, at + 24);
            var nameLength = U16(directory, at + 28);
            var extraLength = U16(directory, at + 30);
            var commentLength = U16(directory, at + 32);
            long localOffset = U32(directory, at + 42);
            var variable = nameLength + extraLength + commentLength;
            if (directory.Length - at - CentralHeaderSize < variable)
                throw Bad(file, $"zip directory record {i} runs past the directory");
            var name = Encoding.UTF8.GetString(directory, at + CentralHeaderSize, nameLength);
            ReadZip64Extra(file, directory.AsSpan(at + CentralHeaderSize + nameLength, extraLength), ref size, ref compressed, ref localOffset);
            at += CentralHeaderSize + variable;

            if ((flags & 1) != 0)
                throw Bad(file, $"record '{name}' is encrypted");
            // A compressed record is listed, not read: the archive reader tells what the archive is (TorchScript
            // archives compress their code) before it refuses one.
            if (method == 0 && compressed != size)
                throw Bad(file, $"stored record '{name}' has different compressed and uncompressed sizes");
            if (!names.Add(name))
                throw Bad(file, $"record '{name}' appears twice");
            var dataOffset = DataOffset(file, name, localOffset);
            if (!file.Contains(dataOffset, compressed) || dataOffset + compressed > cdLimit)
                throw Bad(file, $"record '{name}' of {compressed} bytes at offset {dataOffset} runs past the end of its data (truncated?)");
            entries.Add(new ZipEntry(name, dataOffset, size, crc, method));
        }
        return new ZipDirectory(entries);
    }

    private static (long Offset, long Size, long Count, long Limit) ReadEnd(MappedFile file)
    {
        const int endSize = 22;
        if (file.Length < endSize)
            throw Bad(file, "the file is too short to be a zip archive");
        var searchStart = Math.Max(0, file.Length - endSize - ushort.MaxValue);
        var tail = file.ReadBytes(searchStart, file.Length - searchStart, "the end of the zip archive");
        var end = -1;
        for (var i = tail.Length - endSize; i >= 0; i--)
        {
            if (U32(tail, i) == EndOfCentralDirectory && i + endSize + U16(tail, i + 20) <= tail.Length)
            {
                end = i;
                break;
            }
        }
        if (end < 0)
            throw Bad(file, "no end of central directory record: the zip archive is truncated or damaged");
        var endPosition = searchStart + end;
        long count = U16(tail, end + 10);
        long size = U32(tail, end + 12);
        long offset = U32(tail, end + 16);
        var limit = endPosition;

        // zip64: the locator sits right before the classic end record.
        var locator = endPosition - 20;
        if (locator >= 0)
        {
            var locatorBytes = file.ReadBytes(locator, 20, "the zip64 locator");
            if (U32(locatorBytes, 0) == Zip64Locator)
            {
                var zip64End = BinaryPrimitives.ReadInt64LittleEndian(locatorBytes.AsSpan(8));
                if (zip64End < 0 || !file.Contains(zip64End, 56) || zip64End > locator)
                    throw Bad(file, "the zip64 end record lies outside the file");
                var record = file.ReadBytes(zip64End, 56, "the zip64 end record");
                if (U32(record, 0) != Zip64EndOfCentralDirectory)
                    throw Bad(file, "the zip64 end record is damaged");
                count = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
                size = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(40));
                offset = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(48));
                limit = zip64End;
            }
        }
        if (count < 0 || size < 0 || offset < 0 || offset > limit || size > limit - offset)
            throw Bad(file, "the zip central directory lies outside the file (truncated?)");
        return (offset, size, count, offset);
    }

    private static void ReadZip64Extra(MappedFile file, ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (length > extra.Length - 4)
                throw Bad(file, "a zip extra field runs past its record");
            var data = extra.Slice(4, length);
            if (id == 0x0001)
            {
                var at = 0;
                if (size == uint.MaxValue)
                    size = Zip64Value(file, data, ref at);
                if (compressed == uint.MaxValue)
                    compressed = Zip64Value(file, data, ref at);
                if (localOffset == uint.MaxValue)
                    localOffset = Zip64Value(file, data, ref at);
            }
            extra = extra[(4 + length)..];
        }
    }

    private static long Zip64Value(MappedFile file, ReadOnlySpan<byte> data, ref int at)
    {
        if (data.Length - at < 8)
            throw Bad(file, "a zip64 extra field is too short");
        var value = BinaryPrimitives.ReadInt64LittleEndian(data[at..]);
        at += 8;
        if (value < 0)
            throw Bad(file, "a zip64 size or offset is negative");
        return value;
    }

    private static long DataOffset(MappedFile file, string name, long localOffset)
    {
        if (!file.Contains(localOffset, LocalHeaderSize))
            throw Bad(file, $"the local header of '{name}' lies outside the file (truncated?)");
        var header = file.ReadBytes(localOffset, LocalHeaderSize, $"the local header of '{name}'");
        if (U32(header, 0) != LocalHeader)
            throw Bad(file, $"the local header of '{name}' is damaged");
        return localOffset + LocalHeaderSize + U16(header, 26) + U16(header, 28);
    }

    private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));

    private static WeightFormatException Bad(MappedFile file, string message) => new($"{message}.", file.Path);
}
