using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using NetDsl.Runtime.Files;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// A read-only memory map of a weight file. Reads copy straight from the mapping into the caller's span (a tensor's
/// own memory), so no whole-file or whole-record buffer is ever made; every read is bounds-checked first.
/// </summary>
internal sealed class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewStream _view;

    private MappedFile(string path, MemoryMappedFile map, MemoryMappedViewStream view, long length)
    {
        Path = path;
        _map = map;
        _view = view;
        Length = length;
    }

    public string Path { get; }

    public long Length { get; }

    public static MappedFile Open(string path)
    {
        var stream = InputFile.OpenRead(path, (problem, inner) => new WeightFormatException($"{problem}.", path, inner));

        var length = stream.Length;
        if (length == 0)
        {
            stream.Dispose();
            throw new WeightFormatException("the file is empty.", path);
        }
        try
        {
            var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewStream(0, 0, MemoryMappedFileAccess.Read);
            return new MappedFile(path, map, view, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new WeightFormatException($"cannot map the file: {e.Message}", path, e);
        }
    }

    /// <summary>True when [offset, offset + count) lies inside the file.</summary>
    public bool Contains(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

    /// <summary>Fills <paramref name="destination"/> from the file at <paramref name="offset"/>.</summary>
    public void Read(long offset, Span<byte> destination, string what)
    {
        if (!Contains(offset, destination.Length))
            throw new WeightFormatException($"{what} needs bytes {offset}..{offset + destination.Length} but the file has {Length} (truncated?).", Path);
        _view.Position = offset;
        _view.ReadExactly(destination);
    }

    /// <summary>A small region as a new array; <paramref name="count"/> is checked against the file first.</summary>
    public byte[] ReadBytes(long offset, long count, string what)
    {
        if (!Contains(offset, count) || count > int.MaxValue)
            throw new WeightFormatException($"{what} needs bytes {offset}..{offset + count} but the file has {Length} (truncated?).", Path);
        var bytes = new byte[count];
        Read(offset, bytes, what);
        return bytes;
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }
}
