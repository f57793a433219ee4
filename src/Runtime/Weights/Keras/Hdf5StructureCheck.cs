using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>
/// Walks every object an HDF5 file reaches from its root through hard links, before PureHDF reads anything, and
/// refuses what would make a reader open another file or loop: soft links (a soft-link cycle overflows PureHDF's
/// stack), external and user-defined links, datasets with external raw storage or a virtual (VDS) layout, and links
/// kept in dense storage (a fractal heap this check does not parse, so it cannot vouch for them; Keras writes
/// old-style groups). PureHDF 2.2 follows external links and storage on its own, with no option to stop it.
/// <para>
/// Format: the HDF5 File Format Specification 3.0 (superblocks 0-3, object headers 1 and 2, messages 0x0002 Link
/// Info, 0x0006 Link, 0x0007 External Data Files, 0x0008 Data Layout, 0x0010 Continuation, 0x0011 Symbol Table,
/// version-1 B-trees of groups and their symbol table nodes). Every address is checked against the file, every node
/// is visited once, and the bytes examined are bounded by a multiple of the file's size, so a crafted file can make
/// the check neither loop nor read without end.
/// </para>
/// </summary>
internal sealed class Hdf5StructureCheck
{
    private const ushort LinkInfoMessage = 0x0002;
    private const ushort LinkMessage = 0x0006;
    private const ushort ExternalFilesMessage = 0x0007;
    private const ushort DataLayoutMessage = 0x0008;
    private const ushort ContinuationMessage = 0x0010;
    private const ushort SymbolTableMessage = 0x0011;
    private const int VirtualLayoutClass = 3;
    private const int SoftLinkCacheType = 2;

    private readonly Stream _file;
    private readonly string _path;
    private readonly long _baseAddress;
    private readonly int _offsetSize;
    private readonly int _lengthSize;
    private readonly HashSet<ulong> _visited = new();
    private readonly Stack<(ulong Address, string Name)> _objects = new();
    private long _budget;

    private Hdf5StructureCheck(Stream file, string path, long baseAddress, int offsetSize, int lengthSize)
    {
        _file = file;
        _path = path;
        _baseAddress = baseAddress;
        _offsetSize = offsetSize;
        _lengthSize = lengthSize;
        // Metadata is a small part of a weight file; reading past four times the file means nodes overlap on purpose.
        _budget = 4 * file.Length + 65536;
    }

    /// <summary>Checks the file behind <paramref name="file"/> (a seekable stream at any position).</summary>
    /// <exception cref="WeightFormatException">Something would leave the file, loop, or is damaged.</exception>
    public static void Check(Stream file, string path)
    {
        var superblockAt = FindSuperblock(file);
        if (superblockAt < 0)
            throw new WeightFormatException("no HDF5 superblock found.", path);
        var head = ReadAt(file, superblockAt, (int)Math.Min(96, file.Length - superblockAt));
        if (head.Length < 16)
            throw new WeightFormatException("the HDF5 superblock is truncated.", path);
        var version = head[8];
        int offsetSize, lengthSize, baseAt;
        switch (version)
        {
            case 0:
            case 1:
                (offsetSize, lengthSize, baseAt) = (head[13], head[14], version == 0 ? 24 : 28);
                break;
            case 2:
            case 3:
                (offsetSize, lengthSize, baseAt) = (head[9], head[10], 12);
                break;
            default:
                throw new WeightFormatException($"HDF5 superblock version {version} is not supported.", path);
        }
        if (offsetSize is not (2 or 4 or 8) || lengthSize is not (2 or 4 or 8))
            throw new WeightFormatException("the HDF5 superblock is damaged (address or length size).", path);
        // Root: v0/1 keep a symbol table entry after base, free-space, end and driver addresses; v2/3 keep the
        // root object header address after base, extension and end addresses.
        var rootAt = version <= 1 ? baseAt + 4 * offsetSize + offsetSize : baseAt + 3 * offsetSize;
        if (rootAt + offsetSize > head.Length)
            throw new WeightFormatException("the HDF5 superblock is truncated.", path);
        var baseAddress = Unsigned(head.AsSpan(baseAt), offsetSize);
        if (baseAddress > (ulong)file.Length)
            throw new WeightFormatException("the HDF5 base address lies outside the file.", path);
        var check = new Hdf5StructureCheck(file, path, (long)baseAddress, offsetSize, lengthSize);
        check.Walk(Unsigned(head.AsSpan(rootAt), offsetSize));
    }

    private void Walk(ulong root)
    {
        _objects.Push((root, "/"));
        while (_objects.Count > 0)
        {
            var (address, name) = _objects.Pop();
            if (_visited.Add(address))
                CheckObject(address, name);
        }
    }

    private void CheckObject(ulong address, string name)
    {
        var start = Read(address, 4, name);
        if (start.AsSpan().SequenceEqual("OHDR"u8))
            CheckVersion2Header(address, name);
        else if (start[0] == 1)
            CheckVersion1Header(address, name, Read(address, 16, name));
        else
            throw Bad($"the object header of '{name}' is damaged (version {start[0]})");
    }

    private void CheckVersion1Header(ulong address, string name, byte[] prefix)
    {
        var size = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        var blocks = new Queue<(ulong Address, ulong Length)>();
        blocks.Enqueue((address + 16, size));
        var seen = new HashSet<ulong>();
        while (blocks.Count > 0)
        {
            var (at, length) = blocks.Dequeue();
            if (!seen.Add(at))
                throw Bad($"the object header of '{name}' continues into itself");
            var block = Read(at, length, name);
            for (var i = 0; i + 8 <= block.Length;)
            {
                var type = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i));
                var dataSize = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i + 2));
                if (dataSize > block.Length - i - 8)
                    throw Bad($"a message in the object header of '{name}' runs past its block");
                CheckMessage(type, block.AsSpan(i + 8, dataSize), name, blocks);
                i += 8 + dataSize;
            }
        }
    }

    private void CheckVersion2Header(ulong address, string name)
    {
        // "OHDR", version, flags, [4 times], [2 attribute phase limits], chunk size (1, 2, 4 or 8 bytes).
        var flags = Read(address, 6, name)[5];
        var at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        var sizeBytes = 1 << (flags & 0x03);
        var prefix = Read(address, (ulong)(at + sizeBytes), name);
        var chunkSize = Unsigned(prefix.AsSpan(at), sizeBytes);
        var blocks = new Queue<(ulong Address, ulong Length)>();
        blocks.Enqueue((address + (ulong)(at + sizeBytes), chunkSize));
        var seen = new HashSet<ulong>();
        var creationOrder = (flags & 0x04) != 0 ? 2 : 0;
        while (blocks.Count > 0)
        {
            var (blockAt, length) = blocks.Dequeue();
            if (!seen.Add(blockAt))
                throw Bad($"the object header of '{name}' continues into itself");
            var block = Read(blockAt, length, name);
            var start = 0;
            var end = block.Length;
            if (blockAt != address + (ulong)(at + sizeBytes))
            {
                // A continuation block: "OCHK", messages, checksum.
                if (block.Length < 8 || !block.AsSpan(0, 4).SequenceEqual("OCHK"u8))
                    throw Bad($"a continuation block of the object header of '{name}' is damaged");
                start = 4;
                end = block.Length - 4;
            }
            var headerSize = 4 + creationOrder;
            for (var i = start; i + headerSize <= end;)
            {
                var type = block[i];
                var dataSize = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i + 1));
                if (dataSize > end - i - headerSize)
                    throw Bad($"a message in the object header of '{name}' runs past its block");
                CheckMessage(type, block.AsSpan(i + headerSize, dataSize), name, blocks);
                i += headerSize + dataSize;
            }
        }
    }

    private void CheckMessage(ushort type, ReadOnlySpan<byte> data, string name, Queue<(ulong, ulong)> continuations)
    {
        switch (type)
        {
            case ExternalFilesMessage:
                throw Bad($"dataset '{name}' keeps its data in external files; a weight file must hold its own data, " +
                          "so external storage is refused");
            case DataLayoutMessage:
                if (data.Length >= 2 && data[0] >= 3 && data[1] == VirtualLayoutClass)
                    throw Bad($"dataset '{name}' is a virtual dataset (VDS), whose data comes from other datasets or files; " +
                              "it is refused");
                break;
            case ContinuationMessage:
                Need(data, _offsetSize + _lengthSize, name);
                continuations.Enqueue((Unsigned(data, _offsetSize), Unsigned(data[_offsetSize..], _lengthSize)));
                break;
            case LinkInfoMessage:
                CheckLinkInfo(data, name);
                break;
            case LinkMessage:
                CheckLink(data, name);
                break;
            case SymbolTableMessage:
                Need(data, 2 * _offsetSize, name);
                WalkGroupBTree(Unsigned(data, _offsetSize), LocalHeapNames(Unsigned(data[_offsetSize..], _offsetSize), name), name);
                break;
        }
    }

    private void CheckLinkInfo(ReadOnlySpan<byte> data, string name)
    {
        Need(data, 2, name);
        var at = 2 + ((data[1] & 0x01) != 0 ? 8 : 0);
        Need(data, at + _offsetSize, name);
        if (!IsUndefined(Unsigned(data[at..], _offsetSize)))
            throw Bad($"group '{name}' keeps its links in dense storage (HDF5 1.8's format for large groups), which is not " +
                      "supported; Keras and h5py's default format keep links in symbol tables");
    }

    private void CheckLink(ReadOnlySpan<byte> data, string group)
    {
        Need(data, 2, group);
        var flags = data[1];
        var at = 2;
        var linkType = 0;
        if ((flags & 0x08) != 0)
        {
            Need(data, at + 1, group);
            linkType = data[at++];
        }
        if ((flags & 0x04) != 0)
            at += 8;
        if ((flags & 0x10) != 0)
            at += 1;
        var lengthSize = 1 << (flags & 0x03);
        Need(data, at + lengthSize, group);
        var nameLength = Unsigned(data[at..], lengthSize);
        at += lengthSize;
        if (nameLength > (ulong)(data.Length - at))
            throw Bad($"a link in group '{group}' is damaged");
        var linkName = System.Text.Encoding.UTF8.GetString(data.Slice(at, (int)nameLength));
        at += (int)nameLength;
        var path = Child(group, linkName);
        switch (linkType)
        {
            case 0:
                Need(data, at + _offsetSize, group);
                _objects.Push((Unsigned(data[at..], _offsetSize), path));
                break;
            case 1:
                throw Bad($"'{path}' is a soft link; links are refused (a Keras weight file has none, and a cycle of them " +
                          "would never end)");
            case 64:
                throw Bad($"'{path}' is an external link to another file; a weight file must not make the loader open " +
                          "other files, so it is refused");
            default:
                throw Bad($"'{path}' is a user-defined link (type {linkType}); it is refused");
        }
    }

    // A version-1 B-tree of group nodes: internal nodes point at nodes one level down, leaves at symbol table nodes.
    private void WalkGroupBTree(ulong root, byte[] names, string group)
    {
        var nodes = new Stack<ulong>();
        nodes.Push(root);
        while (nodes.Count > 0)
        {
            var address = nodes.Pop();
            if (!_visited.Add(address))
                throw Bad($"the B-tree of group '{group}' reaches a node twice");
            var header = Read(address, (ulong)(8 + 2 * _offsetSize), group);
            if (!header.AsSpan(0, 4).SequenceEqual("TREE"u8) || header[4] != 0)
                throw Bad($"the B-tree of group '{group}' is damaged");
            var level = header[5];
            var entries = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
            var keySize = _lengthSize;
            var body = Read(address + (ulong)header.Length, (ulong)entries * (ulong)(keySize + _offsetSize) + (ulong)keySize, group);
            for (var i = 0; i < entries; i++)
            {
                var child = Unsigned(body.AsSpan(keySize + i * (keySize + _offsetSize)), _offsetSize);
                if (level > 0)
                    nodes.Push(child);
                else
                    CheckSymbolNode(child, names, group);
            }
        }
    }

    private void CheckSymbolNode(ulong address, byte[] names, string group)
    {
        if (!_visited.Add(address))
            throw Bad($"group '{group}' reaches a symbol table node twice");
        var header = Read(address, 8, group);
        if (!header.AsSpan(0, 4).SequenceEqual("SNOD"u8))
            throw Bad($"a symbol table node of group '{group}' is damaged");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
        var entrySize = 2 * _offsetSize + 24;
        var entries = Read(address + 8, (ulong)count * (ulong)entrySize, group);
        for (var i = 0; i < count; i++)
        {
            var entry = entries.AsSpan(i * entrySize);
            var path = Child(group, NameAt(names, Unsigned(entry, _offsetSize)));
            var headerAddress = Unsigned(entry[_offsetSize..], _offsetSize);
            var cacheType = BinaryPrimitives.ReadUInt32LittleEndian(entry[(2 * _offsetSize)..]);
            if (cacheType == SoftLinkCacheType)
                throw Bad($"'{path}' is a soft link; links are refused (a Keras weight file has none, and a cycle of them " +
                          "would never end)");
            _objects.Push((headerAddress, path));
        }
    }

    // A local heap ("HEAP", version, reserved, data size, free list offset, data address) holds a group's member names.
    private byte[] LocalHeapNames(ulong address, string group)
    {
        var header = Read(address, (ulong)(8 + 2 * _lengthSize + _offsetSize), group);
        if (!header.AsSpan(0, 4).SequenceEqual("HEAP"u8))
            throw Bad($"the name heap of group '{group}' is damaged");
        var size = Unsigned(header.AsSpan(8), _lengthSize);
        return Read(Unsigned(header.AsSpan(8 + 2 * _lengthSize), _offsetSize), size, group);
    }

    private static string NameAt(byte[] names, ulong offset)
    {
        if (offset >= (ulong)names.Length)
            return "(unnamed)";
        var end = Array.IndexOf(names, (byte)0, (int)offset);
        return System.Text.Encoding.UTF8.GetString(names, (int)offset, (end < 0 ? names.Length : end) - (int)offset);
    }

    private byte[] Read(ulong address, ulong length, string name)
    {
        if (IsUndefined(address) || address > (ulong)(_file.Length - _baseAddress) ||
            length > (ulong)(_file.Length - _baseAddress) - address)
            throw Bad($"the structure of '{name}' points outside the file (truncated or damaged)");
        _budget -= (long)length;
        if (_budget < 0)
            throw Bad("its metadata is read over and over (nodes overlap); the file is damaged or hostile");
        return ReadAt(_file, _baseAddress + (long)address, (int)length);
    }

    private static byte[] ReadAt(Stream file, long offset, int length)
    {
        var bytes = new byte[length];
        file.Position = offset;
        file.ReadExactly(bytes);
        return bytes;
    }

    // HDF5 looks for the superblock at 0, 512, 1024, 2048, ... (a user block may come first).
    private static long FindSuperblock(Stream file)
    {
        Span<byte> signature = stackalloc byte[8];
        for (long at = 0; at + 8 <= file.Length; at = at == 0 ? 512 : at * 2)
        {
            file.Position = at;
            file.ReadExactly(signature);
            if (signature.SequenceEqual(new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a }))
                return at;
        }
        return -1;
    }

    private void Need(ReadOnlySpan<byte> data, int length, string name)
    {
        if (data.Length < length)
            throw Bad($"a message in the object header of '{name}' is too short");
    }

    private bool IsUndefined(ulong address) => _offsetSize == 8 ? address == ulong.MaxValue : address == (1UL << (8 * _offsetSize)) - 1;

    private static ulong Unsigned(ReadOnlySpan<byte> bytes, int size)
    {
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--)
            value = (value << 8) | bytes[i];
        return value;
    }

    private static string Child(string group, string name) => group == "/" ? "/" + name : group + "/" + name;

    private WeightFormatException Bad(string message) => new($"HDF5: {message}.", _path);
}
