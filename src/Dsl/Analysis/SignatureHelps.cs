using System.Linq;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Diagnostics;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>Signature help inside the parentheses of an op or block call: the catalog's arguments or the block's parameters, the one being written highlighted.</summary>
public static class SignatureHelps
{
    public static SignatureInfo? At(ProjectSnapshot snapshot, string path, string text, int offset)
    {
        offset = System.Math.Max(0, System.Math.Min(offset, text.Length));
        var before = new Lexer(new SourceText(path, text), new DiagnosticBag()).Tokenize()
            .Where(t => t.End <= offset && t.Kind is not (TokenKind.NewLine or TokenKind.EndOfFile)).ToList();
        if (CallContext.Enclosing(before) is not { } call) return null;
        var (position, name) = CallContext.Argument(before, call.Index);
        if ((OpCatalog.Find(call.Name) ?? LearnedTensorOp.Find(call.Name)) is { } op)
        {
            var (label, parameters) = Label(op.Name, op.Arguments.Select(a => (Lowerer.ArgumentText(a), Signatures.Argument(a))).ToList());
            return new SignatureInfo(label, op.Summary, parameters, Active(op.ArgumentNames.ToList(), position, name));
        }
        if (snapshot.Symbols.Declaration(call.Name) is { Kind: SymbolKind.Block } block && snapshot.Files.TryGetValue(block.Path, out var file) &&
            file.Syntax.Declarations.FirstOrDefault(d => d.NameRange == block.NameRange) is { } declaration)
        {
            var (label, parameters) = Label(declaration.Name, declaration.Parameters.Select(p => (Signatures.Parameter(p, file.Text), "parameter of " + declaration.Name)).ToList());
            return new SignatureInfo(label, Signatures.Of(declaration, file.Text), parameters, Active(declaration.Parameters.Select(p => p.Name).ToList(), position, name));
        }
        return null;
    }

    /// <summary><c>name(a, b: 1)</c> and where each argument's text lies in it.</summary>
    private static (string Label, System.Collections.Generic.List<(int Start, int End, string Documentation)> Parameters) Label(string name, System.Collections.Generic.List<(string Text, string Documentation)> arguments)
    {
        var label = new System.Text.StringBuilder(name).Append('(');
        var parameters = new System.Collections.Generic.List<(int, int, string)>();
        foreach (var (argument, documentation) in arguments)
        {
            if (parameters.Count > 0) label.Append(", ");
            parameters.Add((label.Length, label.Length + argument.Length, documentation));
            label.Append(argument);
        }
        return (label.Append(')').ToString(), parameters);
    }

    private static int Active(System.Collections.Generic.IReadOnlyList<string> names, int position, string? name)
    {
        if (name is not null)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] == name) return i;
            }
            return -1;
        }
        return position < names.Count ? position : -1;
    }
}
