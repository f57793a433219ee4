using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>
/// Assembles HDF5 files byte by byte (superblock 0, version-1 object headers, links in link messages), for the layouts
/// PureHDF's writer cannot express: external links, external raw storage, virtual datasets. Objects are written
/// children first, so every address a header holds is known when it is written. Format: HDF5 File Format
/// Specification 3.0; the plain layout loads through PureHDF (a test checks), so the hostile ones differ from a real
/// file only in the part under test.
/// </summary>
internal sealed class Hdf5Writer
{
    private const ulong Undefined = ulong.MaxValue;
    private readonly MemoryStream _out = new();

    public Hdf5Writer() => _out.Write(new byte[96]); // the superblock, written by Finish

    public abstract record Link(string Name);

    public sealed record HardLink(string Name, long Address) : Link(Name);

    public sealed record SoftLink(string Name, string Target) : Link(Name);

    public sealed record ExternalLink(string Name, string File, string Object) : Link(Name);

    /// <summary>A float32 dataset stored in the file (contiguous).</summary>
    public long Dataset(long[] dims, float[] values)
    {
        var data = Align(values.SelectMany(BitConverter.GetBytes).ToArray());
        var address = Position;
        _out.Write(data);
        return Header(DatasetMessages(dims, Layout(1, (ulong)address, (ulong)(values.Length * 4))));
    }

    /// <summary>A float32 dataset whose raw data lives in another file (HDF5 external storage).</summary>
    public long ExternalStorageDataset(long[] dims, string file, long offset)
    {
        var bytes = dims.Aggregate(4L, (a, d) => a * d);
        // The local heap of the file names: an empty name at 0, the file's name at 8.
        var names = Align(new byte[8].Concat(Encoding.ASCII.GetBytes(file)).Append((byte)0).ToArray());
        var namesAddress = Position;
        _out.Write(names);
        var heap = Position;
        _out.Write(Concat("HEAP"u8.ToArray(), new byte[] { 0, 0, 0, 0 }, U64((ulong)names.Length), U64(Undefined), U64((ulong)namesAddress)));
        var list = Concat(new byte[] { 1, 0, 0, 0 }, U16(1), U16(1), U64((ulong)heap), U64(8), U64((ulong)offset), U64((ulong)bytes));
        return Header(DatasetMessages(dims, Layout(1, Undefined, (ulong)bytes)).Append(((ushort)0x0007, list)));
    }

    /// <summary>A float32 virtual dataset mapping all of another file's dataset (a VDS layout and its global heap).</summary>
    public long VirtualDataset(long[] dims, string file, string dataset)
    {
        // Selection "all" for source and virtual space: type 1, version 1, 8 reserved bytes.
        var all = Concat(U32(1), U32(1), new byte[8]);
        var mapping = Concat(new byte[] { 0 }, U64(1), Encoding.ASCII.GetBytes(file + "\0"), Encoding.ASCII.GetBytes(dataset + "\0"), all, all, U32(0));
        var objectBytes = Align(mapping);
        var collection = Concat(U16(1), U16(0), U32(0), U64((ulong)mapping.Length), objectBytes);
        var size = 16 + collection.Length + 16;
        var heap = Position;
        _out.Write(Concat("GCOL"u8.ToArray(), new byte[] { 1, 0, 0, 0 }, U64((ulong)Math.Max(size, 4096)), collection));
        _out.Write(new byte[Math.Max(size, 4096) - 16 - collection.Length]);
        var layout = Concat(new byte[] { 4, 3 }, U64((ulong)heap), U32(1));
        return Header(DatasetMessages(dims, layout));
    }

    /// <summary>A group with these links and string-list attributes (Keras' layer_names, weight_names).</summary>
    public long Group(IEnumerable<Link> links, params (string Name, string[] Values)[] attributes)
    {
        var messages = new List<(ushort, byte[])>
        {
            (0x0002, Concat(new byte[] { 0, 0 }, U64(Undefined), U64(Undefined))), // link info: compact links
            (0x000A, new byte[] { 0, 0 }),                                            // group info
        };
        foreach (var link in links)
            messages.Add((0x0006, LinkMessage(link)));
        foreach (var (name, values) in attributes)
            messages.Add((0x000C, StringAttribute(name, values)));
        return Header(messages);
    }

    /// <summary>The file: superblock 0 pointing at <paramref name="root"/>, then every object written.</summary>
    public byte[] Finish(long root)
    {
        var bytes = _out.ToArray();
        var superblock = Concat(new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a },
            new byte[] { 0, 0, 0, 0, 0, 8, 8, 0 }, U16(4), U16(16), U32(0),
            U64(0), U64(Undefined), U64((ulong)bytes.Length), U64(Undefined),
            U64(0), U64((ulong)root), U32(0), U32(0), new byte[16]);
        superblock.CopyTo(bytes, 0);
        return bytes;
    }

    private long Position => _out.Position;

    private IEnumerable<(ushort, byte[])> DatasetMessages(long[] dims, byte[] layout) => new List<(ushort, byte[])>
    {
        (0x0001, Dataspace(dims)),
        (0x0003, Float32Type()),
        (0x0005, new byte[] { 2, 2, 2, 0 }), // fill value: version 2, allocated late, never written, undefined
        (0x0008, layout),
    };

    private static byte[] Layout(byte layoutClass, ulong address, ulong size) => Concat(new byte[] { 3, layoutClass }, U64(address), U64(size));

    private long Header(IEnumerable<(ushort Type, byte[] Data)> messages)
    {
        var body = new MemoryStream();
        var count = 0;
        foreach (var (type, data) in messages)
        {
            var padded = Align(data);
            body.Write(U16(type));
            body.Write(U16((ushort)padded.Length));
            body.Write(new byte[4]);
            body.Write(padded);
            count++;
        }
        var address = Position;
        _out.Write(Concat(new byte[] { 1, 0 }, U16((ushort)count), U32(1), U32((uint)body.Length), new byte[4]));
        _out.Write(body.ToArray());
        return address;
    }

    private static byte[] LinkMessage(Link link)
    {
        var name = Encoding.UTF8.GetBytes(link.Name);
        var (type, info) = link switch
        {
            HardLink hard => ((byte)0, U64((ulong)hard.Address)),
            SoftLink soft => ((byte)1, WithLength(Encoding.UTF8.GetBytes(soft.Target))),
            ExternalLink external => ((byte)64, WithLength(Concat(new byte[] { 0 }, Encoding.UTF8.GetBytes(external.File + "\0" + external.Object + "\0")))),
            _ => throw new ArgumentException(link.ToString()),
        };
        // Version 1; flags: link type present (0x08), 1-byte name length.
        return Concat(new byte[] { 1, 0x08, type, (byte)name.Length }, name, info);
    }

    private static byte[] StringAttribute(string name, string[] values)
    {
        var size = Math.Max(1, values.Select(v => Encoding.UTF8.GetByteCount(v)).DefaultIfEmpty(0).Max());
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var type = Concat(new byte[] { 0x13, 0, 0, 0 }, U32((uint)size)); // version 1, class 3 (string), null-terminated ASCII
        var space = Dataspace(new long[] { values.Length });
        var data = values.SelectMany(v => Encoding.UTF8.GetBytes(v).Concat(new byte[size - Encoding.UTF8.GetByteCount(v)])).ToArray();
        return Concat(new byte[] { 1, 0 }, U16((ushort)nameBytes.Length), U16((ushort)type.Length), U16((ushort)space.Length),
            Align(nameBytes), Align(type), Align(space), data);
    }

    private static byte[] Dataspace(long[] dims) =>
        Concat(new byte[] { 1, (byte)dims.Length, 0, 0, 0, 0, 0, 0 }, dims.SelectMany(d => U64((ulong)d)).ToArray());

    // Version 1, class 1 (floating point), little-endian IEEE 754 single: sign at bit 31, exponent 23..30, mantissa 0..22.
    private static byte[] Float32Type() =>
        Concat(new byte[] { 0x11, 0x20, 31, 0 }, U32(4), U16(0), U16(32), new byte[] { 23, 8, 0, 23 }, U32(127));

    private static byte[] WithLength(byte[] data) => Concat(U16((ushort)data.Length), data);

    private static byte[] Align(byte[] data) => data.Length % 8 == 0 ? data : data.Concat(new byte[8 - data.Length % 8]).ToArray();

    private static byte[] U16(ushort v) => BitConverter.GetBytes(v);

    private static byte[] U32(uint v) => BitConverter.GetBytes(v);

    private static byte[] U64(ulong v) => BitConverter.GetBytes(v);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
