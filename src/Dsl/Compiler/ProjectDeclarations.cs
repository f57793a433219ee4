using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>
/// The networks and blocks of a set of files, first declaration of a name wins (files in path order), and which
/// blocks each declaration names. Built the same way for the whole project and for one unit, so both agree.
/// </summary>
internal sealed class ProjectDeclarations
{
    private static readonly HashSet<string> Reserved = new() { "concat", "add", "mul", "input", "NetDslLayers", "NetDslStartup" };

    /// <summary>Members every generated class declares: a class cannot have a member of its own name (CS0542).</summary>
    private static readonly HashSet<string> GeneratedMembers = new(Emit.GeneratedNames.NetworkMembers);

    public Dictionary<string, BlockInfo> Blocks { get; } = new();

    public List<(SourceText Source, NetworkSyntax Syntax)> Networks { get; } = new();

    /// <summary>The file of each declaration, by name.</summary>
    public Dictionary<string, SyntaxUnit> Files { get; } = new();

    /// <summary>The kept declaration of each name.</summary>
    public Dictionary<string, DeclarationSyntax> Declarations { get; } = new();

    /// <param name="limit">
    /// The most declarations kept (in file path order, then file order) and the statements they may write out together;
    /// those after either are left out, the first with ND0120 or ND0123. Null: no limit.
    /// </param>
    public static ProjectDeclarations Build(IEnumerable<SyntaxUnit> files, DiagnosticBag? diagnostics, DeclarationLimit? limit = null)
    {
        var result = new ProjectDeclarations();
        result.Add(files, diagnostics, limit);
        if (limit is not null) result.KeepWithinStatements(limit, diagnostics);
        return result;
    }

    private void Add(IEnumerable<SyntaxUnit> files, DiagnosticBag? diagnostics, DeclarationLimit? limit)
    {
        // Every name declared so far: the first declaration of a name is the one kept in Blocks or Networks.
        var declared = new HashSet<string>();
        foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            var source = new SourceText(file.Path, file.Text);
            foreach (var declaration in file.Syntax.Declarations)
            {
                if (OpCatalog.Find(declaration.Name) is not null || Reserved.Contains(declaration.Name) || NumberFunctions.IsName(declaration.Name) || Emit.GeneratedNames.IsUsed(declaration.Name) || GeneratedMembers.Contains(declaration.Name))
                {
                    var what = OpCatalog.Find(declaration.Name) is not null ? "a built-in op"
                        : Reserved.Contains(declaration.Name) ? "reserved"
                        : NumberFunctions.IsName(declaration.Name) ? "a function on numbers"
                        : GeneratedMembers.Contains(declaration.Name) ? "a member of every generated class"
                        : "a name the generated code uses for another type";
                    diagnostics?.Report(DiagnosticCatalog.ReservedName, source.Span(declaration.NameRange), $"'{declaration.Name}' is {what}; name the {declaration.Keyword} differently");
                    continue;
                }
                if (!declared.Add(declaration.Name))
                {
                    if (diagnostics is not null)
                    {
                        var first = FirstDeclaration(declaration.Name);
                        diagnostics.Report(DiagnosticCatalog.DuplicateDeclaration, source.Span(declaration.NameRange),
                            $"'{declaration.Name}' is already declared at {first}; networks and blocks share one namespace per project, rename one", new[] { first }.ToEquatableArray());
                    }
                    continue;
                }
                if (limit is not null && Declarations.Count == limit.Declarations)
                {
                    diagnostics?.Report(DiagnosticCatalog.TooManyDeclarations, source.Span(declaration.NameRange), limit.Message(declaration.Keyword, declaration.Name));
                    return;
                }
                Files[declaration.Name] = file;
                Declarations[declaration.Name] = declaration;
                _order.Add((declaration, source));
                if (declaration is BlockSyntax block) Blocks[block.Name] = new BlockInfo(block, source);
                else if (declaration is NetworkSyntax network) Networks.Add((source, network));
            }
        }
    }

    /// <summary>The kept declarations in the order they were declared (files in path order, then file order).</summary>
    private readonly List<(DeclarationSyntax Syntax, SourceText Source)> _order = new();

    /// <summary>
    /// Leaves out the declarations from the first whose written-out statements take the project past
    /// <see cref="DeclarationLimit.Statements"/> (ND0123 on it). Each declaration is lowered (no shape checks) to count
    /// them as its generated code will write them, each copy of an unrolled <c>(...) * n</c> included; the counting
    /// stops at the first past the budget, so its work is bounded by the budget too.
    /// </summary>
    private void KeepWithinStatements(DeclarationLimit limit, DiagnosticBag? diagnostics)
    {
        var total = 0;
        for (var i = 0; i < _order.Count; i++)
        {
            var (declaration, source) = _order[i];
            var statements = WrittenStatements(declaration, source);
            if (total + statements <= limit.Statements)
            {
                total += statements;
                continue;
            }
            diagnostics?.Report(DiagnosticCatalog.ProjectStatementBudget, source.Span(declaration.NameRange),
                limit.StatementsMessage(declaration.Keyword, declaration.Name, statements, total));
            foreach (var (left, _) in _order.Skip(i))
            {
                Files.Remove(left.Name);
                Declarations.Remove(left.Name);
                Blocks.Remove(left.Name);
                Networks.RemoveAll(n => n.Syntax == left);
            }
            _order.RemoveRange(i, _order.Count - i);
            return;
        }
    }

    private int WrittenStatements(DeclarationSyntax declaration, SourceText source)
    {
        var ignored = new DiagnosticBag();
        var scope = declaration is NetworkSyntax network
            ? Lowerer.LowerNetwork(network, source, Blocks, ignored, out _, out _)
            : Lowerer.LowerBlock(Blocks[declaration.Name], Blocks, ignored, out _);
        return Statements(scope) ?? 0;
    }

    /// <summary>
    /// The statements the generated code writes out for a scope: its instructions and those of its groups (each a
    /// nested class); null when a body is longer than one method may hold, which its unit reports (ND0121) and
    /// writes no code for, so it costs the budget nothing.
    /// </summary>
    private static int? Statements(Scope scope)
    {
        if (scope.Instructions.Count > LayerLimit.StatementsPerBody) return null;
        var count = scope.Instructions.Count;
        foreach (var instruction in scope.Instructions)
        {
            if (instruction is not GroupInstruction group) continue;
            if (Statements(group.Body) is not { } inner) return null;
            count += inner;
        }
        return count;
    }

    /// <summary>Where the kept declaration of <paramref name="name"/> names it, for a duplicate's message.</summary>
    private SourceSpan FirstDeclaration(string name)
    {
        if (Blocks.TryGetValue(name, out var block)) return block.Source.Span(block.Syntax.NameRange);
        var (source, network) = Networks.Find(n => n.Syntax.Name == name);
        return source.Span(network.NameRange);
    }

    /// <summary>The blocks each declaration names (syntactically: a call or a bare name that is a block).</summary>
    public Dictionary<string, HashSet<string>> Calls()
    {
        var calls = new Dictionary<string, HashSet<string>>();
        foreach (var block in Blocks.Values) calls[block.Name] = Named(block.Syntax);
        foreach (var (_, network) in Networks) calls[network.Name] = Named(network);
        return calls;
    }

    /// <summary>
    /// The blocks named by <paramref name="name"/> and by every block it reaches: what one unit needs, without walking
    /// the other declarations of its files (a unit in a file of many declarations would walk them all).
    /// </summary>
    public Dictionary<string, HashSet<string>> CallsFrom(string name)
    {
        var calls = new Dictionary<string, HashSet<string>>();
        var pending = new Stack<string>();
        pending.Push(name);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (calls.ContainsKey(current)) continue;
            DeclarationSyntax? declaration = Blocks.TryGetValue(current, out var block) ? block.Syntax : Networks.Find(n => n.Syntax.Name == current).Syntax;
            if (declaration is null) continue;
            var callees = Named(declaration);
            calls[current] = callees;
            foreach (var callee in callees) pending.Push(callee);
        }
        return calls;
    }

    /// <summary><paramref name="name"/> and every block it reaches.</summary>
    public static HashSet<string> Reach(string name, IReadOnlyDictionary<string, HashSet<string>> calls)
    {
        var reached = new HashSet<string> { name };
        var pending = new Stack<string>();
        pending.Push(name);
        while (pending.Count > 0)
        {
            if (!calls.TryGetValue(pending.Pop(), out var callees)) continue;
            foreach (var callee in callees)
            {
                if (reached.Add(callee)) pending.Push(callee);
            }
        }
        return reached;
    }

    private HashSet<string> Named(DeclarationSyntax declaration)
    {
        var names = new HashSet<string>();
        var pending = new Stack<ExpressionSyntax>();
        PushBody(declaration.Body, pending);
        while (pending.Count > 0)
        {
            var expression = pending.Pop();
            switch (expression)
            {
                case NameSyntax name when Blocks.ContainsKey(name.Name):
                    names.Add(name.Name);
                    break;
                case CallSyntax call when Blocks.ContainsKey(call.Name):
                    names.Add(call.Name);
                    break;
            }
            foreach (var child in SyntaxChildren.Of(expression)) pending.Push(child);
            if (SyntaxChildren.BodyOf(expression) is { } body) PushBody(body, pending);
        }
        return names;
    }

    private static void PushBody(BodySyntax body, Stack<ExpressionSyntax> pending)
    {
        foreach (var statement in body.Statements)
        {
            if (SyntaxChildren.ValueOf(statement) is { } value) pending.Push(value);
        }
    }
}
