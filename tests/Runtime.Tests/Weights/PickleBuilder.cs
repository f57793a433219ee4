using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>Assembles pickle streams opcode by opcode, for hand-made and hostile data.pkl records.</summary>
internal sealed class PickleBuilder
{
    private readonly MemoryStream _out = new();

    public PickleBuilder Op(char opcode) => Byte((byte)opcode);

    public PickleBuilder Byte(byte value)
    {
        _out.WriteByte(value);
        return this;
    }

    public PickleBuilder Bytes(params byte[] values)
    {
        _out.Write(values);
        return this;
    }

    public PickleBuilder Proto(byte protocol = 2) => Byte(0x80).Byte(protocol);

    public PickleBuilder Global(string module, string name) => Op('c').Bytes(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleBuilder StackGlobal(string module, string name) => ShortUnicode(module).ShortUnicode(name).Byte(0x93);

    public PickleBuilder Unicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Op('X').Bytes(BitConverter.GetBytes((uint)bytes.Length)).Bytes(bytes);
    }

    public PickleBuilder ShortUnicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Byte(0x8c).Byte((byte)bytes.Length).Bytes(bytes);
    }

    public PickleBuilder Unicode8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Byte(0x8d).Bytes(BitConverter.GetBytes((ulong)bytes.Length)).Bytes(bytes);
    }

    public PickleBuilder Int1(byte value) => Op('K').Byte(value);

    public PickleBuilder Int2(ushort value) => Op('M').Bytes(BitConverter.GetBytes(value));

    public PickleBuilder Int4(int value) => Op('J').Bytes(BitConverter.GetBytes(value));

    public PickleBuilder Long1(long value)
    {
        var bytes = BitConverter.GetBytes(value);
        return Byte(0x8a).Byte(8).Bytes(bytes);
    }

    public PickleBuilder Long4(long value) => Byte(0x8b).Bytes(BitConverter.GetBytes(8)).Bytes(BitConverter.GetBytes(value));

    public PickleBuilder Put(byte index) => Op('q').Byte(index);

    public PickleBuilder LongPut(uint index) => Op('r').Bytes(BitConverter.GetBytes(index));

    public PickleBuilder Get(byte index) => Op('h').Byte(index);

    public PickleBuilder LongGet(uint index) => Op('j').Bytes(BitConverter.GetBytes(index));

    public PickleBuilder Memoize() => Byte(0x94);

    public PickleBuilder Frame(ulong length) => Byte(0x95).Bytes(BitConverter.GetBytes(length));

    public PickleBuilder EmptyOrderedDict() => Global("collections", "OrderedDict").Op(')').Op('R');

    /// <summary>A persistent storage id ('storage', torch.&lt;type&gt;, key, 'cpu', numel) followed by BINPERSID.</summary>
    public PickleBuilder Storage(string type, string key, long numel) =>
        Op('(').Unicode("storage").Global("torch", type).Unicode(key).Unicode("cpu").Long1(numel).Op('t').Op('Q');

    /// <summary>Pushes a tuple of small integers.</summary>
    public PickleBuilder IntTuple(params long[] values)
    {
        Op('(');
        foreach (var v in values)
            Long1(v);
        return Op('t');
    }

    /// <summary>_rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).</summary>
    public PickleBuilder Tensor(string type, string key, long numel, long offset, long[] size, long[] stride) =>
        Global("torch._utils", "_rebuild_tensor_v2").Op('(').Storage(type, key, numel).Long1(offset)
            .IntTuple(size).IntTuple(stride).Byte(0x89).EmptyOrderedDict().Op('t').Op('R');

    public PickleBuilder Stop() => Op('.');

    public byte[] ToArray() => _out.ToArray();

    /// <summary>A pickle of an OrderedDict built by the given item writers (each pushes a key and a value).</summary>
    public static byte[] StateDict(params Action<PickleBuilder>[] items)
    {
        var b = new PickleBuilder().Proto().EmptyOrderedDict().Op('(');
        foreach (var item in items)
            item(b);
        return b.Op('u').Stop().ToArray();
    }
}
