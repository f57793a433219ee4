using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>
/// Writes a state_dict as PyTorch's <c>torch.save</c> pickles it (protocol 2, Python's pickler with PyTorch's
/// <c>persistent_id</c>): an <c>OrderedDict</c> whose values are
/// <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())</c> and whose storages are
/// persistent ids <c>('storage', torch.FloatStorage, key, 'cpu', numel)</c>. Globals and strings are memoized and
/// reused with BINGET as Python's pickler does; items go in SETITEMS batches of 1000.
/// </summary>
internal sealed class PickleWriter
{
    private const int BatchSize = 1000; // pickle._BATCHSIZE

    private readonly MemoryStream _out = new();
    private readonly Dictionary<string, int> _memoGlobals = new();
    private readonly Dictionary<string, int> _memoStrings = new();
    private int _memoCount;

    /// <summary>One state_dict entry: its key, the storage key it uses, its dtype, element count and shape.</summary>
    public readonly record struct Entry(string Key, string StorageKey, ScalarType DType, long Numel, long[] Shape);

    public static byte[] WriteStateDict(IReadOnlyList<Entry> entries)
    {
        var writer = new PickleWriter();
        return writer.Write(entries);
    }

    private byte[] Write(IReadOnlyList<Entry> entries)
    {
        _out.WriteByte(PickleOpcodes.Proto);
        _out.WriteByte(2);
        WriteOrderedDictCall();
        for (var start = 0; start < entries.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, entries.Count - start);
            if (count > 1)
                _out.WriteByte(PickleOpcodes.Mark);
            for (var i = start; i < start + count; i++)
            {
                WriteString(entries[i].Key);
                WriteTensor(entries[i]);
            }
            _out.WriteByte(count > 1 ? PickleOpcodes.SetItems : PickleOpcodes.SetItem);
        }
        _out.WriteByte(PickleOpcodes.Stop);
        return _out.ToArray();
    }

    // OrderedDict(): GLOBAL, EMPTY_TUPLE, REDUCE, BINPUT.
    private void WriteOrderedDictCall()
    {
        WriteGlobal("collections", "OrderedDict");
        _out.WriteByte(PickleOpcodes.EmptyTuple);
        _out.WriteByte(PickleOpcodes.Reduce);
        Put();
    }

    private void WriteTensor(Entry entry)
    {
        WriteGlobal("torch._utils", "_rebuild_tensor_v2");
        _out.WriteByte(PickleOpcodes.Mark);
        // The storage, as a persistent id tuple.
        _out.WriteByte(PickleOpcodes.Mark);
        WriteString("storage");
        WriteGlobal("torch", DTypes.StorageName(entry.DType));
        WriteString(entry.StorageKey);
        WriteString("cpu");
        WriteInt(entry.Numel);
        _out.WriteByte(PickleOpcodes.Tuple);
        Put();
        _out.WriteByte(PickleOpcodes.BinPersId); // Python does not memoize persistent objects.
        WriteInt(0); // storage offset
        WriteIntTuple(entry.Shape);
        WriteIntTuple(ContiguousStrides(entry.Shape));
        _out.WriteByte(PickleOpcodes.NewFalse); // requires_grad
        WriteOrderedDictCall(); // backward hooks
        _out.WriteByte(PickleOpcodes.Tuple);
        Put();
        _out.WriteByte(PickleOpcodes.Reduce);
        Put();
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= Math.Max(1, shape[i]);
        }
        return strides;
    }

    private void WriteIntTuple(long[] values)
    {
        switch (values.Length)
        {
            case 0:
                _out.WriteByte(PickleOpcodes.EmptyTuple);
                return; // Python does not memoize the empty tuple.
            case <= 3:
                foreach (var v in values)
                    WriteInt(v);
                _out.WriteByte(values.Length switch { 1 => PickleOpcodes.Tuple1, 2 => PickleOpcodes.Tuple2, _ => PickleOpcodes.Tuple3 });
                break;
            default:
                _out.WriteByte(PickleOpcodes.Mark);
                foreach (var v in values)
                    WriteInt(v);
                _out.WriteByte(PickleOpcodes.Tuple);
                break;
        }
        Put();
    }

    // Python's save_long for protocol 2: BININT1, BININT2, BININT, else LONG1 with the minimal two's complement bytes.
    private void WriteInt(long value)
    {
        Span<byte> buffer = stackalloc byte[9];
        if (value is >= 0 and <= 0xff)
        {
            _out.WriteByte(PickleOpcodes.BinInt1);
            _out.WriteByte((byte)value);
        }
        else if (value is >= 0 and <= 0xffff)
        {
            _out.WriteByte(PickleOpcodes.BinInt2);
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)value);
            _out.Write(buffer[..2]);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            _out.WriteByte(PickleOpcodes.BinInt);
            BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)value);
            _out.Write(buffer[..4]);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
            var length = 8;
            // Drop redundant sign bytes, keeping the sign bit right.
            while (length > 1 && ((buffer[length - 1] == 0 && (buffer[length - 2] & 0x80) == 0) ||
                                  (buffer[length - 1] == 0xff && (buffer[length - 2] & 0x80) != 0)))
                length--;
            _out.WriteByte(PickleOpcodes.Long1);
            _out.WriteByte((byte)length);
            _out.Write(buffer[..length]);
        }
    }

    private void WriteString(string value)
    {
        if (_memoStrings.TryGetValue(value, out var index))
        {
            Get(index);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
        _out.WriteByte(PickleOpcodes.BinUnicode);
        _out.Write(length);
        _out.Write(bytes);
        _memoStrings[value] = Put();
    }

    private void WriteGlobal(string module, string name)
    {
        var full = module + "\n" + name;
        if (_memoGlobals.TryGetValue(full, out var index))
        {
            Get(index);
            return;
        }
        _out.WriteByte(PickleOpcodes.Global);
        _out.Write(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
        _memoGlobals[full] = Put();
    }

    private int Put()
    {
        var index = _memoCount++;
        if (index < 256)
        {
            _out.WriteByte(PickleOpcodes.BinPut);
            _out.WriteByte((byte)index);
        }
        else
        {
            Span<byte> buffer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)index);
            _out.WriteByte(PickleOpcodes.LongBinPut);
            _out.Write(buffer);
        }
        return index;
    }

    private void Get(int index)
    {
        if (index < 256)
        {
            _out.WriteByte(PickleOpcodes.BinGet);
            _out.WriteByte((byte)index);
        }
        else
        {
            Span<byte> buffer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)index);
            _out.WriteByte(PickleOpcodes.LongBinGet);
            _out.Write(buffer);
        }
    }
}
