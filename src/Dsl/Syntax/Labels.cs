namespace NetDsl.Syntax;

/// <summary>
/// What a name and a label may be, for both front-ends. A bare label is a name (ASCII letters, digits, '_', not a
/// keyword); a quoted label is any text a PyTorch module name can be, so any state_dict key can be spelled, except
/// control characters (a label is also written into comments and summary lines).
/// </summary>
public static class Labels
{
    /// <summary>The longest name or label: generated C# identifiers are built from them, and C# limits its names.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="name"/> is written bare: letters, digits and '_', not starting with a digit, not a keyword.</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || Lexer.IsKeyword(name)) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var letter = c == '_' || (c < 128 && char.IsLetter(c));
            if (!letter && !(i > 0 && c < 128 && char.IsDigit(c))) return false;
        }
        return true;
    }

    /// <summary>Why <paramref name="label"/> (its literal text, template expressions left out) cannot name a child, or null.</summary>
    public static string? Problem(string label, bool template = false)
    {
        if (label.Length == 0 && !template) return "a label cannot be empty: PyTorch names every child";
        if (label.Length > MaxLength) return $"this label has {label.Length:N0} characters; a name or label has at most {MaxLength}";
        if (label.IndexOf('.') >= 0)
            return $"a label cannot contain '.': PyTorch joins the labels of a key with '.', so 'a.b' is the child 'b' of a group labelled 'a'";
        foreach (var c in label)
        {
            if (char.IsControl(c)) return $"a label cannot contain the control character U+{(int)c:X4}";
        }
        return null;
    }
}
