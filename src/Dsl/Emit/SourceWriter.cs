using System.Text;

namespace NetDsl.Emit;

/// <summary>A StringBuilder that tracks indentation, so emitters write code as plain text.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter(int indent = 0) => _indent = indent;

    public int Indent => _indent;

    /// <summary>Appends what another writer wrote, as it is (it indented its own lines).</summary>
    public SourceWriter Append(SourceWriter other)
    {
        _builder.Append(other._builder);
        return this;
    }

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
