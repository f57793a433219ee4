using System;
using System.IO;

namespace NetDsl.Export.Onnx;

/// <summary>
/// One length-delimited field of a message written by <see cref="ProtoWriter.WriteMessage"/>: its content built in memory,
/// and optionally a last bytes field whose content is written straight from where it lies (a weight's tensor memory), so a
/// model's weights are never copied into a buffer.
/// </summary>
internal sealed class ProtoPart
{
    private readonly int _field;
    private readonly ProtoWriter _head;
    private readonly int _dataField;
    private readonly long _dataLength;
    private readonly Action<Stream>? _writeData;

    public ProtoPart(int field, ProtoWriter content)
        : this(field, content, 0, 0, null)
    {
    }

    /// <param name="writeData">Writes exactly <paramref name="dataLength"/> bytes: the content of field <paramref name="dataField"/>.</param>
    public ProtoPart(int field, ProtoWriter head, int dataField, long dataLength, Action<Stream>? writeData)
    {
        _field = field;
        _head = head;
        _dataField = dataField;
        _dataLength = dataLength;
        _writeData = writeData;
    }

    private long ContentLength => _head.Length + (_writeData is null ? 0 : ProtoWriter.FieldSize(_dataField, _dataLength));

    public long FieldSize => ProtoWriter.FieldSize(_field, ContentLength);

    public void WriteTo(Stream stream)
    {
        ProtoWriter.LengthHeader(_field, ContentLength).CopyTo(stream);
        _head.CopyTo(stream);
        if (_writeData is null) return;
        ProtoWriter.LengthHeader(_dataField, _dataLength).CopyTo(stream);
        var start = stream.CanSeek ? stream.Position : -1;
        _writeData(stream);
        if (start >= 0 && stream.Position - start != _dataLength)
            throw new InvalidOperationException($"a field of {_dataLength} bytes was written as {stream.Position - start}");
    }
}
