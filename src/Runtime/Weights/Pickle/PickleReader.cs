using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>
/// A restricted unpickler for PyTorch state_dicts (<c>data.pkl</c>). It runs no Python: it knows the opcodes a
/// state_dict pickle uses and the few globals it names (<c>collections.OrderedDict</c>, the tensor and parameter
/// rebuild functions, the typed storage classes) and builds plain objects from them. Any other global, any other
/// opcode, a call of anything but those, a persistent id that is not a storage, a declared length past the end of the
/// data or nesting past <see cref="MaxDepth"/> is refused with a <see cref="WeightFormatException"/> naming it.
/// It never recurses, and everything it allocates is bounded by the size of the pickle.
/// </summary>
internal sealed class PickleReader
{
    /// <summary>The deepest container nesting accepted (a state_dict inside a checkpoint is 3 deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most MARKs open at once.</summary>
    public const int MaxOpenMarks = 256;

    private static readonly PyGlobal OrderedDict = new("collections", "OrderedDict");
    private static readonly PyGlobal RebuildTensorV2 = new("torch._utils", "_rebuild_tensor_v2");
    private static readonly PyGlobal RebuildParameter = new("torch._utils", "_rebuild_parameter");
    private static readonly PyGlobal RebuildParameterWithState = new("torch._utils", "_rebuild_parameter_with_state");

    private readonly byte[] _data;
    private readonly string _what;
    private readonly Func<string, long>? _storageBytes;
    private readonly List<object?> _stack = new();
    // Where each open MARK stands in _stack (CPython's C unpickler keeps the same): a MARK costs nothing, and the
    // objects above it are taken once, when the opcode that closes it runs.
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();
    private int _position;

    /// <param name="data">The pickle bytes.</param>
    /// <param name="what">How messages name the pickle (e.g. <c>model.pt: record archive/data.pkl</c>).</param>
    /// <param name="storageBytes">The byte size of the record for a storage key, or -1 when there is none; null skips the check.</param>
    public PickleReader(byte[] data, string what, Func<string, long>? storageBytes = null)
    {
        _data = data;
        _what = what;
        _storageBytes = storageBytes;
    }

    /// <summary>The storages the pickle named, by key.</summary>
    public Dictionary<string, PyStorage> Storages { get; } = new();

    /// <summary>Unpickles the data and returns the top object.</summary>
    public object? Load()
    {
        while (true)
        {
            if (_position >= _data.Length)
                throw Error("the pickle ends without a STOP opcode (truncated?)");
            var at = _position;
            var opcode = _data[_position++];
            switch (opcode)
            {
                case PickleOpcodes.Proto:
                    var protocol = ReadByte();
                    if (protocol > 5)
                        throw Error($"pickle protocol {protocol} is newer than 5");
                    break;
                case PickleOpcodes.Frame:
                    var frame = ReadUInt64();
                    if (frame > (ulong)(_data.Length - _position))
                        throw Error($"a frame of {frame} bytes is longer than the rest of the pickle");
                    break;
                case PickleOpcodes.Stop:
                    if (_stack.Count != 1 || _marks.Count != 0)
                        throw Error($"STOP with {_stack.Count} objects on the stack and {_marks.Count} open marks");
                    if (_position != _data.Length)
                        throw Error($"{_data.Length - _position} bytes follow the STOP opcode");
                    return _stack[0];
                case PickleOpcodes.Mark:
                    if (_marks.Count >= MaxOpenMarks)
                        throw Error($"more than {MaxOpenMarks} nested marks (deeply nested data is refused)");
                    _marks.Push(_stack.Count);
                    break;
                case PickleOpcodes.Pop:
                    if (_stack.Count > Floor)
                        _stack.RemoveAt(_stack.Count - 1);
                    else
                        PopMark();
                    break;
                case PickleOpcodes.PopMark:
                    PopMark();
                    break;
                case PickleOpcodes.Dup:
                    Push(Peek());
                    break;
                case PickleOpcodes.None:
                    Push(null);
                    break;
                case PickleOpcodes.NewTrue:
                    Push(true);
                    break;
                case PickleOpcodes.NewFalse:
                    Push(false);
                    break;
                case PickleOpcodes.BinInt:
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                    break;
                case PickleOpcodes.BinInt1:
                    Push((long)ReadByte());
                    break;
                case PickleOpcodes.BinInt2:
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                    break;
                case PickleOpcodes.Long1:
                    Push(ReadLong(ReadByte()));
                    break;
                case PickleOpcodes.Long4:
                    var longLength = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
                    if (longLength < 0 || longLength > 8)
                        throw Error($"LONG4 of {longLength} bytes: integers beyond 64 bits are not part of a state_dict");
                    Push(ReadLong(longLength));
                    break;
                case PickleOpcodes.BinFloat:
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8)));
                    break;
                case PickleOpcodes.BinUnicode:
                    Push(ReadUtf8(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                    break;
                case PickleOpcodes.ShortBinUnicode:
                    Push(ReadUtf8(ReadByte()));
                    break;
                case PickleOpcodes.BinUnicode8:
                    Push(ReadUtf8(ReadUInt64()));
                    break;
                case PickleOpcodes.BinString:
                    Push(ReadUtf8((ulong)BinaryPrimitives.ReadInt32LittleEndian(Take(4))));
                    break;
                case PickleOpcodes.ShortBinString:
                    Push(ReadUtf8(ReadByte()));
                    break;
                case PickleOpcodes.BinBytes:
                    Push(Take(CheckLength(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray());
                    break;
                case PickleOpcodes.ShortBinBytes:
                    Push(Take(ReadByte()).ToArray());
                    break;
                case PickleOpcodes.BinBytes8:
                    Push(Take(CheckLength(ReadUInt64())).ToArray());
                    break;
                case PickleOpcodes.EmptyTuple:
                    Push(new PyTuple(Array.Empty<object?>(), 1));
                    break;
                case PickleOpcodes.Tuple:
                    Push(MakeTuple(PopMark()));
                    break;
                case PickleOpcodes.Tuple1:
                    Push(MakeTuple(PopN(1)));
                    break;
                case PickleOpcodes.Tuple2:
                    Push(MakeTuple(PopN(2)));
                    break;
                case PickleOpcodes.Tuple3:
                    Push(MakeTuple(PopN(3)));
                    break;
                case PickleOpcodes.EmptyList:
                    Push(new PyList());
                    break;
                case PickleOpcodes.List:
                    var list = new PyList();
                    foreach (var item in PopMark())
                        AppendTo(list, item);
                    Push(list);
                    break;
                case PickleOpcodes.Append:
                    var appended = Pop();
                    AppendTo(PeekAs<PyList>("APPEND"), appended);
                    break;
                case PickleOpcodes.Appends:
                    var items = PopMark();
                    var target = PeekAs<PyList>("APPENDS");
                    foreach (var item in items)
                        AppendTo(target, item);
                    break;
                case PickleOpcodes.EmptyDict:
                    Push(new PyDict());
                    break;
                case PickleOpcodes.Dict:
                    var dict = new PyDict();
                    SetItems(dict, PopMark());
                    Push(dict);
                    break;
                case PickleOpcodes.SetItem:
                    var value = Pop();
                    var key = Pop();
                    SetItem(PeekAs<PyDict>("SETITEM"), key, value);
                    break;
                case PickleOpcodes.SetItems:
                    var pairs = PopMark();
                    SetItems(PeekAs<PyDict>("SETITEMS"), pairs);
                    break;
                case PickleOpcodes.BinPut:
                    _memo[ReadByte()] = Peek();
                    break;
                case PickleOpcodes.LongBinPut:
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek();
                    break;
                case PickleOpcodes.Memoize:
                    _memo[_memo.Count] = Peek();
                    break;
                case PickleOpcodes.BinGet:
                    Push(Recall(ReadByte()));
                    break;
                case PickleOpcodes.LongBinGet:
                    Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                    break;
                case PickleOpcodes.Global:
                    var module = ReadLine();
                    var name = ReadLine();
                    Push(Allow(module, name));
                    break;
                case PickleOpcodes.StackGlobal:
                    var globalName = Pop() as string ?? throw Error("STACK_GLOBAL needs two strings");
                    var globalModule = Pop() as string ?? throw Error("STACK_GLOBAL needs two strings");
                    Push(Allow(globalModule, globalName));
                    break;
                case PickleOpcodes.Reduce:
                    var arguments = Pop() as PyTuple ?? throw Error("REDUCE needs an argument tuple");
                    Push(Call(Pop(), arguments));
                    break;
                case PickleOpcodes.NewObj:
                    var newArguments = Pop() as PyTuple ?? throw Error("NEWOBJ needs an argument tuple");
                    var cls = Pop();
                    if (!Equals(cls, OrderedDict))
                        throw Error($"NEWOBJ of {Describe(cls)} is not allowed; only collections.OrderedDict may be created");
                    Push(Call(cls, newArguments));
                    break;
                case PickleOpcodes.Build:
                    var state = Pop();
                    Build(Peek(), state);
                    break;
                case PickleOpcodes.BinPersId:
                    Push(PersistentLoad(Pop()));
                    break;
                default:
                    throw new WeightFormatException(
                        $"{_what}: pickle opcode 0x{opcode:x2} ({PickleOpcodes.Name(opcode)}) at offset {at} is not allowed; " +
                        "only the opcodes of a state_dict are read. Save a state_dict: torch.save(model.state_dict(), path).");
            }
        }
    }

    private object? Allow(string module, string name)
    {
        var global = new PyGlobal(module, name);
        if (global == OrderedDict || global == RebuildTensorV2 || global == RebuildParameter || global == RebuildParameterWithState)
            return global;
        if (module == "torch" && DTypes.FromStorageName(name) is not null)
            return global;
        var hint = name.Length > 0 && char.IsUpper(name[0])
            ? "this looks like a pickled object or a whole model (torch.save(model)), which is not supported"
            : "it is not part of a plain state_dict";
        throw new WeightFormatException(
            $"{_what}: the pickle refers to the global '{global.FullName}', which is refused ({hint}). " +
            "Only collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the " +
            "torch.*Storage types are allowed. Save a state_dict instead: torch.save(model.state_dict(), path).");
    }

    private object Call(object? callable, PyTuple arguments)
    {
        var args = arguments.Items;
        if (Equals(callable, OrderedDict))
        {
            var dict = new PyDict();
            if (args.Count == 1 && args[0] is PyList pairs)
            {
                foreach (var pair in pairs.Items)
                {
                    if (pair is not PyTuple { Items.Count: 2 } kv)
                        throw Error("OrderedDict(...) takes a list of (key, value) pairs");
                    SetItem(dict, kv.Items[0], kv.Items[1]);
                }
            }
            else if (args.Count != 0)
            {
                throw Error($"OrderedDict called with {args.Count} arguments");
            }
            return dict;
        }
        if (Equals(callable, RebuildTensorV2))
            return RebuildTensor(args);
        if (Equals(callable, RebuildParameter) || Equals(callable, RebuildParameterWithState))
        {
            if (args.Count is < 3 or > 4 || args[0] is not PyTensor tensor)
                throw Error($"{((PyGlobal)callable!).FullName} needs (tensor, requires_grad, hooks[, state])");
            return tensor;
        }
        throw Error($"REDUCE calls {Describe(callable)}, which is not callable here; only the allowed globals may be called");
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private PyTensor RebuildTensor(IReadOnlyList<object?> args)
    {
        if (args.Count is < 6 or > 7)
            throw Error($"_rebuild_tensor_v2 takes 6 or 7 arguments, got {args.Count}");
        if (args[0] is not PyStorage storage)
            throw Error($"_rebuild_tensor_v2's first argument must be a storage, got {Describe(args[0])}");
        if (args[1] is not long offset || offset < 0)
            throw Error("_rebuild_tensor_v2's storage offset must be a non-negative integer");
        var size = LongTuple(args[2], "size");
        var stride = LongTuple(args[3], "stride");
        if (size.Length != stride.Length)
            throw Error($"a tensor has {size.Length} sizes but {stride.Length} strides");
        if (args[4] is not bool)
            throw Error("_rebuild_tensor_v2's requires_grad must be a bool");
        if (args[5] is not PyDict)
            throw Error("_rebuild_tensor_v2's backward hooks must be an OrderedDict");

        var numel = Shapes.CheckedNumel(size);
        if (numel < 0)
            throw Error($"a tensor of size {Shapes.Format(size)} has a negative size or too many elements");
        if (Shapes.Problem(size, DTypes.ElementSize(storage.DType)) is { } problem)
            throw Error($"a tensor: {problem}");
        // A view cannot hold more elements than its storage: stride 0 (an expanded tensor) or overlapping strides
        // would turn a few stored bytes into gigabytes when the view is made contiguous.
        if (numel > storage.Numel)
            throw Error($"a tensor of size {Shapes.Format(size)} and stride {Shapes.Format(stride)} has {numel:N0} elements, more than " +
                        $"the {storage.Numel:N0} of its storage '{storage.Key}' (an expanded or overlapping view); save tensor.contiguous()");
        if (numel > 0)
        {
            // The furthest element the view touches must lie inside the storage.
            var last = offset;
            for (var i = 0; i < size.Length; i++)
            {
                if (stride[i] < 0)
                    throw Error($"a tensor has a negative stride {stride[i]}");
                var step = (size[i] - 1) > 0 && stride[i] > (long.MaxValue - last) / (size[i] - 1) ? -1 : (size[i] - 1) * stride[i];
                if (step < 0 || last > long.MaxValue - step)
                    throw Error($"a tensor of size {Shapes.Format(size)} and stride {Shapes.Format(stride)} overflows");
                last += step;
            }
            if (last >= storage.Numel)
                throw Error($"a tensor of size {Shapes.Format(size)}, stride {Shapes.Format(stride)} and offset {offset} " +
                            $"reaches element {last}, but its storage '{storage.Key}' has {storage.Numel} elements");
        }
        return new PyTensor(storage, offset, size, stride);
    }

    private long[] LongTuple(object? value, string what)
    {
        if (value is not PyTuple tuple)
            throw Error($"a tensor's {what} must be a tuple of integers, got {Describe(value)}");
        if (tuple.Items.Count > 64)
            throw Error($"a tensor with {tuple.Items.Count} dimensions");
        var result = new long[tuple.Items.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = tuple.Items[i] is long v && v >= 0 ? v : throw Error($"a tensor's {what} holds {Describe(tuple.Items[i])}");
        return result;
    }

    // ('storage', torch.FloatStorage, key, location, numel)
    private PyStorage PersistentLoad(object? pid)
    {
        if (pid is not PyTuple { Items.Count: 5 or 6 } tuple || tuple.Items[0] is not "storage")
            throw Error($"a persistent id must be ('storage', type, key, location, numel), got {Describe(pid)}");
        var items = tuple.Items;
        if (items[1] is not PyGlobal { Module: "torch" } type || DTypes.FromStorageName(type.Name) is not { } dtype)
            throw Error($"a storage's type must be a torch.*Storage class, got {Describe(items[1])}");
        if (items[2] is not string key || !IsPlainKey(key))
            throw Error($"a storage key must be a short name of letters, digits and '_', got {Describe(items[2])}");
        if (items[3] is not string location)
            throw Error("a storage location must be a string");
        if (items[4] is not long numel || numel < 0)
            throw Error("a storage's element count must be a non-negative integer");
        if (Storages.TryGetValue(key, out var known))
        {
            if (known.DType != dtype || known.Numel != numel)
                throw Error($"storage '{key}' is named twice with different types or sizes");
            return known;
        }
        var elementSize = DTypes.ElementSize(dtype);
        if (numel > long.MaxValue / elementSize)
            throw Error($"storage '{key}' declares {numel} elements");
        if (_storageBytes is not null)
        {
            var recordBytes = _storageBytes(key);
            if (recordBytes < 0)
                throw Error($"storage '{key}' has no record data/{key} in the archive");
            if (recordBytes != numel * elementSize)
                throw Error($"storage '{key}' declares {numel} {DTypes.Name(dtype)} elements ({numel * elementSize} bytes) " +
                            $"but its record has {recordBytes} bytes");
        }
        var storage = new PyStorage(dtype, key, location, numel);
        Storages[key] = storage;
        return storage;
    }

    private static bool IsPlainKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_');

    private void Build(object? target, object? state)
    {
        // An OrderedDict state_dict carries its _metadata as instance state: (dict-state, slot-state) or a dict.
        if (target is PyDict dict)
        {
            if (state is PyDict attributes)
            {
                dict.Attributes = attributes;
                return;
            }
            if (state is PyTuple { Items.Count: 2 } pair && pair.Items[0] is PyDict or null && pair.Items[1] is PyDict or null)
            {
                dict.Attributes = pair.Items[0] as PyDict;
                return;
            }
        }
        throw Error($"BUILD of {Describe(target)} with {Describe(state)} is not allowed");
    }

    private PyTuple MakeTuple(IReadOnlyList<object?> items)
    {
        var depth = 1 + items.Select(DepthOf).DefaultIfEmpty(0).Max();
        CheckDepth(depth);
        return new PyTuple(items, depth);
    }

    private void AppendTo(PyList list, object? item)
    {
        list.Depth = Math.Max(list.Depth, 1 + DepthOf(item));
        CheckDepth(list.Depth);
        list.Items.Add(item);
    }

    private void SetItems(PyDict dict, List<object?> flat)
    {
        if (flat.Count % 2 != 0)
            throw Error("SETITEMS with an odd number of items");
        for (var i = 0; i < flat.Count; i += 2)
            SetItem(dict, flat[i], flat[i + 1]);
    }

    private void SetItem(PyDict dict, object? key, object? value)
    {
        if (key is not (string or long or bool or double))
            throw Error($"a dict key must be a string or number, got {Describe(key)}");
        dict.Depth = Math.Max(dict.Depth, 1 + DepthOf(value));
        CheckDepth(dict.Depth);
        dict.Set(key, value);
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
            throw Error($"containers nested more than {MaxDepth} deep (deeply nested data is refused)");
    }

    private static int DepthOf(object? value) => value switch
    {
        PyTuple t => t.Depth,
        PyList l => l.Depth,
        PyDict d => d.Depth,
        _ => 0,
    };

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Error($"memo entry {index} is read before it is written");

    private void Push(object? value) => _stack.Add(value);

    /// <summary>The bottom of the current frame: objects below the innermost open MARK belong to an outer one.</summary>
    private int Floor => _marks.Count > 0 ? _marks.Peek() : 0;

    private object? Pop()
    {
        if (_stack.Count <= Floor)
            throw Error("an opcode needs more objects than the stack holds");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek() => _stack.Count > Floor ? _stack[^1] : throw Error("an opcode needs an object but the stack is empty");

    private T PeekAs<T>(string opcode) where T : class =>
        Peek() as T ?? throw Error($"{opcode} applies to a {typeof(T).Name[2..].ToLowerInvariant()}, not {Describe(Peek())}");

    private List<object?> PopN(int count)
    {
        if (_stack.Count - Floor < count)
            throw Error("an opcode needs more objects than the stack holds");
        var items = _stack.GetRange(_stack.Count - count, count);
        _stack.RemoveRange(_stack.Count - count, count);
        return items;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0)
            throw Error("an opcode needs a MARK but none is open");
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => Take(1)[0];

    private ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    private long ReadLong(int length)
    {
        if (length > 8)
            throw Error($"LONG1 of {length} bytes: integers beyond 64 bits are not part of a state_dict");
        var bytes = Take(length);
        if (length == 0)
            return 0;
        long value = (sbyte)bytes[length - 1];
        for (var i = length - 2; i >= 0; i--)
            value = (value << 8) | bytes[i];
        return value;
    }

    private int CheckLength(ulong length) =>
        length > (ulong)(_data.Length - _position) ? throw Error($"a length of {length} bytes runs past the end of the pickle") : (int)length;

    private string ReadUtf8(ulong length)
    {
        var bytes = Take(CheckLength(length));
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error("a string is not valid UTF-8");
        }
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position, Math.Min(256, _data.Length - _position));
        if (end < 0)
            throw Error("a GLOBAL name is not terminated within 256 bytes");
        var text = Encoding.ASCII.GetString(_data, _position, end - _position);
        _position = end + 1;
        return text;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
            throw Error($"the pickle ends inside an opcode's argument (needs {count} bytes at offset {_position}, truncated?)");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"'{(s.Length > 40 ? s[..40] + "..." : s)}'",
        long or double or bool => value.ToString()!,
        PyGlobal g => g.FullName,
        PyTuple t => $"a tuple of {t.Items.Count}",
        PyList l => $"a list of {l.Items.Count}",
        PyDict d => $"a dict of {d.Items.Count}",
        PyStorage => "a storage",
        PyTensor => "a tensor",
        byte[] b => $"{b.Length} bytes",
        _ => value.GetType().Name,
    };

    private WeightFormatException Error(string message) =>
        new($"{_what}: {message} (at pickle offset {_position}).");
}
