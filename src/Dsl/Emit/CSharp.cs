using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetDsl.Emit;

/// <summary>C# spelling helpers: literals and identifiers that never collide with keywords.</summary>
internal static class CSharp
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    public static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    private static readonly char[] Escaped = { '\\', '"', '\n', '\r' };

    /// <summary>A C# string literal: backslashes and quotes escaped, line feeds as <c>\n</c>, carriage returns dropped.</summary>
    public static string String(string value)
    {
        if (value.IndexOfAny(Escaped) < 0) return "\"" + value + "\"";
        var literal = new StringBuilder(value.Length + 8);
        Quote(value).WriteTo(literal);
        return literal.ToString();
    }

    /// <summary>The literal of <see cref="String(string)"/>, written straight into a <see cref="SourceWriter"/> line (<c>{CSharp.Quote(text)}</c>).</summary>
    public static Literal Quote(string value) => new(value, null);

    /// <summary>The literal of <paramref name="lines"/> joined by line feeds, written straight into a line: a deep network's summary runs to megabytes.</summary>
    public static Literal Quote(IReadOnlyList<string> lines) => new(null, lines);

    /// <summary>Text to be written as a C# string literal, escaped as it is written rather than built as a string first.</summary>
    public readonly struct Literal
    {
        private readonly string? _text;
        private readonly IReadOnlyList<string>? _lines;

        internal Literal(string? text, IReadOnlyList<string>? lines)
        {
            _text = text;
            _lines = lines;
        }

        public void WriteTo(StringBuilder builder)
        {
            builder.Append('"');
            if (_text is not null) AppendEscaped(builder, _text);
            for (var i = 0; i < (_lines?.Count ?? 0); i++)
            {
                if (i > 0) builder.Append("\\n");
                AppendEscaped(builder, _lines![i]);
            }
            builder.Append('"');
        }
    }

    /// <summary>
    /// A C# expression making a shape, written straight into a <see cref="SourceWriter"/> line: <c>new Shape(16, 32, 32)</c>,
    /// or, with symbolic axes or token ids, <c>new Shape(new long[] { 1024, 768 }, new string[] { "t", null }, ElementKind.Id)</c> (generated files are outside nullable analysis: no annotation).
    /// </summary>
    public static NewShape Construct(Shape shape) => new(shape);

    public readonly struct NewShape
    {
        private readonly Shape _shape;

        internal NewShape(Shape shape) => _shape = shape;

        public void WriteTo(StringBuilder builder)
        {
            if (!_shape.HasSymbols && !_shape.IsIds)
            {
                builder.Append("new Shape(");
                Sizes(builder, _shape);
                builder.Append(')');
                return;
            }
            builder.Append("new Shape(new long[] { ");
            Sizes(builder, _shape);
            builder.Append(" }, ");
            if (_shape.HasSymbols)
            {
                builder.Append("new string[] { ");
                for (var axis = 0; axis < _shape.Rank; axis++)
                {
                    if (axis > 0) builder.Append(", ");
                    builder.Append(_shape.Symbol(axis) is { } symbol ? String(symbol) : "null");
                }
                builder.Append(" }");
            }
            else builder.Append("null");
            if (_shape.IsIds) builder.Append(", ElementKind.Id");
            builder.Append(')');
        }
    }

    /// <summary>A shape as a trailing comment, <c>  // [16, 32, 32]</c> (a symbolic axis by its name; nothing for an unknown shape), written straight into a line.</summary>
    public readonly struct ShapeComment
    {
        private readonly Shape? _shape;

        public ShapeComment(Shape? shape) => _shape = shape;

        public void WriteTo(StringBuilder builder)
        {
            if (_shape is not { } shape) return;
            builder.Append("  // [");
            for (var axis = 0; axis < shape.Rank; axis++)
            {
                if (axis > 0) builder.Append(", ");
                if (shape.Symbol(axis) is { } symbol) builder.Append(symbol);
                else builder.Append(Long(shape[axis]));
            }
            builder.Append(']');
        }
    }

    /// <summary>A shape's sizes (a symbolic axis's bound), comma-separated.</summary>
    private static void Sizes(StringBuilder builder, Shape shape)
    {
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            if (axis > 0) builder.Append(", ");
            builder.Append(Long(shape[axis]));
        }
    }

    private static void AppendEscaped(StringBuilder literal, string value)
    {
        var start = 0;
        for (var next = value.IndexOfAny(Escaped); next >= 0; next = value.IndexOfAny(Escaped, start))
        {
            literal.Append(value, start, next - start);
            switch (value[next])
            {
                case '\\': literal.Append("\\\\"); break;
                case '"': literal.Append("\\\""); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': break;
            }
            start = next + 1;
        }
        literal.Append(value, start, value.Length - start);
    }

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") || text.Contains("N") || text.Contains("I") ? text : text + ".0";
    }

    /// <summary>
    /// A label as the base of a C# identifier: ASCII letters, digits and '_' kept, anything else '_', a leading digit
    /// after a '_' (<c>block1-0</c> → <c>block1_0</c>). A label that is an identifier stays as it is.
    /// </summary>
    public static string IdentifierFor(string label)
    {
        var builder = new StringBuilder(label.Length + 1);
        foreach (var c in label) builder.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '_') ? c : '_');
        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
        // '_' alone is a discard in C#: a field of that name would be mistaken for one.
        return builder.ToString().Trim('_').Length == 0 ? "label" + builder : builder.ToString();
    }

    /// <summary><see cref="Pascal"/> of a label, always a valid identifier start: <c>1x1</c> → <c>L1x1</c>.</summary>
    public static string PascalIdentifier(string label)
    {
        var pascal = Pascal(IdentifierFor(label));
        return pascal.Length == 0 || char.IsDigit(pascal[0]) ? "L" + pascal : pascal;
    }

    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_') { upper = true; continue; }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.ToString();
    }
}
