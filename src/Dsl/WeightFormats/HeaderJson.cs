using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetDsl.WeightFormats;

/// <summary>
/// A strict JSON reader (RFC 8259) for a weight file's header, small enough to hold no surprises: objects keep their
/// members in order, repeated names included (the header's rules reject them by name), integers are <c>long</c>, any other
/// number is a <see cref="HeaderJson.Fraction"/>, and nesting deeper than <see cref="MaxDepth"/> is refused, as is
/// anything after the value but whitespace. Never throws anything but <see cref="WeightFileException"/>.
/// </summary>
internal sealed class HeaderJson
{
    /// <summary>A safetensors header nests three deep (header, tensor, shape); one more is allowed, as the runtime always did.</summary>
    public const int MaxDepth = 4;

    private readonly string _text;
    private int _at;

    private HeaderJson(string text) => _text = text;

    /// <summary>A number that is not an integer a <c>long</c> holds.</summary>
    public sealed class Fraction
    {
        public static readonly Fraction Value = new();
    }

    /// <summary>The value: a <c>List&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> (object), <c>List&lt;object?&gt;</c> (array), string, long, <see cref="Fraction"/>, bool or null.</summary>
    public static object? Parse(string text)
    {
        var reader = new HeaderJson(text);
        reader.SkipSpace();
        var value = reader.Value(1);
        reader.SkipSpace();
        if (reader._at < text.Length) throw reader.Bad("text after the end of the value");
        return value;
    }

    private object? Value(int depth)
    {
        if (_at >= _text.Length) throw Bad("the text ends where a value should be");
        var c = _text[_at];
        switch (c)
        {
            case '{': return Object(depth);
            case '[': return Array(depth);
            case '"': return String();
            case 't': return Literal("true", true);
            case 'f': return Literal("false", false);
            case 'n': return Literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return Number();
                throw Bad($"unexpected character '{c}'");
        }
    }

    private List<KeyValuePair<string, object?>> Object(int depth)
    {
        if (depth > MaxDepth) throw Bad($"nesting deeper than {MaxDepth}");
        _at++;
        var members = new List<KeyValuePair<string, object?>>();
        SkipSpace();
        if (Peek() == '}')
        {
            _at++;
            return members;
        }
        while (true)
        {
            SkipSpace();
            if (Peek() != '"') throw Bad("a member name (a string) was expected");
            var name = String();
            SkipSpace();
            Expect(':');
            SkipSpace();
            members.Add(new KeyValuePair<string, object?>(name, Value(depth + 1)));
            SkipSpace();
            if (Peek() == ',') { _at++; continue; }
            Expect('}');
            return members;
        }
    }

    private List<object?> Array(int depth)
    {
        if (depth > MaxDepth) throw Bad($"nesting deeper than {MaxDepth}");
        _at++;
        var items = new List<object?>();
        SkipSpace();
        if (Peek() == ']')
        {
            _at++;
            return items;
        }
        while (true)
        {
            SkipSpace();
            items.Add(Value(depth + 1));
            SkipSpace();
            if (Peek() == ',') { _at++; continue; }
            Expect(']');
            return items;
        }
    }

    private string String()
    {
        _at++;
        var text = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length) throw Bad("a string is not closed");
            var c = _text[_at++];
            if (c == '"') return text.ToString();
            if (c < 0x20) throw Bad("a control character inside a string");
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (_at >= _text.Length) throw Bad("a string is not closed");
            var escape = _text[_at++];
            switch (escape)
            {
                case '"': case '\\': case '/': text.Append(escape); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw Bad("a \\u escape needs four hexadecimal digits");
                    text.Append((char)code);
                    _at += 4;
                    break;
                default: throw Bad($"unknown escape '\\{escape}'");
            }
        }
    }

    private object Number()
    {
        var start = _at;
        if (Peek() == '-') _at++;
        if (Peek() == '0') _at++;
        else if (Digits() == 0) throw Bad("a number needs digits");
        var integer = true;
        if (Peek() == '.')
        {
            _at++;
            integer = false;
            if (Digits() == 0) throw Bad("a number needs digits after its '.'");
        }
        if (Peek() is 'e' or 'E')
        {
            _at++;
            integer = false;
            if (Peek() is '+' or '-') _at++;
            if (Digits() == 0) throw Bad("a number needs digits in its exponent");
        }
        return integer && long.TryParse(_text.Substring(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fraction.Value;
    }

    private int Digits()
    {
        var start = _at;
        while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9') _at++;
        return _at - start;
    }

    private object? Literal(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0) throw Bad($"unexpected character '{_text[_at]}'");
        _at += word.Length;
        return value;
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c) throw Bad(_at < _text.Length ? $"'{c}' was expected, not '{_text[_at]}'" : $"the text ends where '{c}' should be");
        _at++;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r') _at++;
    }

    private WeightFileException Bad(string problem) => new($"the header is not valid JSON: {problem} at character {_at}");
}
