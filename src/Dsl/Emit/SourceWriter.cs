using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace NetDsl.Emit;

/// <summary>
/// A StringBuilder that tracks indentation, so emitters write code as plain text. An interpolated line
/// (<c>w.Line($"var {x} = {y};")</c>) is appended piece by piece instead of being built as a string first: a deep
/// network's file runs to megabytes, and every line allocated twice was most of the emitter's garbage.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder;
    private int _indent;

    public SourceWriter() => _builder = new StringBuilder();

    /// <summary>A writer whose text starts with <paramref name="prologue"/> (a file header), so the file is never copied to prepend it.</summary>
    public SourceWriter(string prologue) => _builder = new StringBuilder(prologue);

    /// <summary>A writer for lines that go one level inside <paramref name="parent"/>'s current one, appended to it later.</summary>
    public static SourceWriter Nested(SourceWriter parent) => new() { _indent = parent._indent + 1 };

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

    public SourceWriter Line([InterpolatedStringHandlerArgument("")] ref LineText text)
    {
        text.Finish();
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        return OpenBrace();
    }

    public SourceWriter Open([InterpolatedStringHandlerArgument("")] ref LineText text)
    {
        Line(ref text);
        return OpenBrace();
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();

    private SourceWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>
    /// The pieces of one interpolated line, written straight into the writer after its indentation. Holes format
    /// as in an ordinary interpolated string (current culture, as <c>$"..."</c> does).
    /// </summary>
    [InterpolatedStringHandler]
    public readonly struct LineText
    {
        private readonly StringBuilder _builder;
        private readonly int _lineStart;
        private readonly int _textStart;

        public LineText(int literalLength, int formattedCount, SourceWriter writer)
        {
            _builder = writer._builder;
            _lineStart = _builder.Length;
            _builder.Append(' ', writer._indent * 4);
            _textStart = _builder.Length;
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);

        /// <summary>A C# string literal, escaped straight into the line.</summary>
        public void AppendFormatted(CSharp.Literal literal) => literal.WriteTo(_builder);

        /// <summary>A shape's construction, written straight into the line.</summary>
        public void AppendFormatted(CSharp.NewShape shape) => shape.WriteTo(_builder);

        /// <summary>A shape comment, written straight into the line.</summary>
        public void AppendFormatted(CSharp.ShapeComment comment) => comment.WriteTo(_builder);

        public void AppendFormatted(int value) => _builder.Append(value);

        public void AppendFormatted(long value) => _builder.Append(value);

        public void AppendFormatted<T>(T value) => _builder.Append(value is IFormattable formattable ? formattable.ToString(null, null) : value?.ToString());

        public void AppendFormatted<T>(T value, string? format) => _builder.Append(value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString());

        /// <summary>An empty line carries no indentation, as <see cref="Line(string)"/> writes it.</summary>
        internal void Finish()
        {
            if (_builder.Length == _textStart) _builder.Length = _lineStart;
        }
    }
}
