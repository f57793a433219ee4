using System.Text;
using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>How C# names become <c>.net</c> names, and which names the language accepts.</summary>
internal static class NetNames
{
    /// <summary>A name the <c>.net</c> lexer reads as one identifier: ASCII letters, digits and '_', not a keyword.</summary>
    public static bool IsIdentifier(string name) => Labels.IsIdentifier(name);

    public static bool IsKeyword(string name) => Lexer.IsKeyword(name);

    /// <summary>
    /// A member's name as a state_dict name: the leading capitals are lowered, except one that starts a following
    /// lower-case word. <c>Features</c> → <c>features</c>, <c>Layer1</c> → <c>layer1</c>, <c>BN1</c> → <c>bn1</c>,
    /// <c>SE</c> → <c>se</c>, <c>FCLayer</c> → <c>fcLayer</c>, <c>conv1</c> stays.
    /// </summary>
    public static string StateName(string member)
    {
        var run = 0;
        while (run < member.Length && char.IsUpper(member[run])) run++;
        if (run == 0) return member;
        // A capital followed by a lower-case letter starts the next word (FCLayer: keep the L), unless it is the first.
        if (run > 1 && run < member.Length && char.IsLower(member[run])) run--;
        var builder = new StringBuilder(member.Length);
        for (var i = 0; i < member.Length; i++) builder.Append(i < run ? char.ToLowerInvariant(member[i]) : member[i]);
        return builder.ToString();
    }

    /// <summary>A property of a layer attribute as the catalog argument it sets: <c>Padding</c> → <c>padding</c>, <c>PreRelu</c> → <c>pre_relu</c>.</summary>
    public static string ArgumentName(string property)
    {
        var builder = new StringBuilder(property.Length + 4);
        for (var i = 0; i < property.Length; i++)
        {
            var c = property[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && property[i - 1] != '_') builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
