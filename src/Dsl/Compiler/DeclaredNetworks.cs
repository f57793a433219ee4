using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// Re-checks the declaration a generated network carries (<see cref="INetwork.Declaration"/>) for the arguments the
/// instance was built with: the same parser, lowerer and checker as the build, so the evaluated network (rows, shapes,
/// IR) is the instance's. Never throws on bad input: problems are diagnostics.
/// </summary>
public static class DeclaredNetworks
{
    /// <summary>The path the embedded text is checked under, in messages.</summary>
    public const string SourcePath = "<declaration>";

    public static DeclaredNetwork Check(NetworkDeclaration declaration) => Check(declaration, null);

    /// <param name="observer">Told every scope's shapes as they are computed (a diagram of the instance); null for none.</param>
    internal static DeclaredNetwork Check(NetworkDeclaration declaration, ICheckObserver? observer)
    {
        var diagnostics = new DiagnosticBag();
        var file = DslCompiler.Parse(new DslSource(SourcePath + "/" + declaration.Name + ".net", declaration.Text));
        foreach (var d in file.Diagnostics) diagnostics.Report(d.Descriptor, d.Span, d.Message, d.AdditionalSpans);
        var declarations = ProjectDeclarations.Build(new[] { file }, diagnostics);
        var found = declarations.Networks.FirstOrDefault(n => n.Syntax.Name == declaration.Name);
        if (diagnostics.HasErrors || found.Syntax is null)
        {
            if (found.Syntax is null) diagnostics.Report(DiagnosticCatalog.UnknownName, new Syntax.SourceText(file.Path, file.Text).Span(default), $"the declaration text declares no network '{declaration.Name}'");
            return new DeclaredNetwork(null, diagnostics.Items.ToEquatableArray());
        }
        foreach (var block in declarations.Blocks.Values) block.Scope = Lowerer.LowerBlock(block, declarations.Blocks, diagnostics, out _);
        var (source, network) = found;
        var scope = Lowerer.LowerNetwork(network, source, declarations.Blocks, diagnostics, out _, out var input);
        if (diagnostics.HasErrors) return new DeclaredNetwork(null, diagnostics.Items.ToEquatableArray());
        if (Arguments(scope, declaration, source, diagnostics) is not { } arguments) return new DeclaredNetwork(null, diagnostics.Items.ToEquatableArray());
        var checkedNetwork = Checker.Check(scope, network, input, diagnostics, observer, null, arguments);
        return new DeclaredNetwork(checkedNetwork.HasErrors ? null : checkedNetwork, diagnostics.Items.ToEquatableArray()) { Arguments = arguments };
    }

    /// <summary>
    /// The declaration a generated instance of network <paramref name="network"/> of <paramref name="sources"/> would carry,
    /// built with <paramref name="arguments"/> (as a declaration writes them: <c>classes</c> = <c>10</c>) instead of those
    /// parameters' defaults: what a tool exports without generating code. <paramref name="network"/> may be null when the
    /// files declare one network. The build's diagnostics of that network come along; with an error, no declaration.
    /// </summary>
    public static SourceDeclaration FromSources(IReadOnlyList<DslSource> sources, string? network, IReadOnlyDictionary<string, string> arguments)
    {
        var plan = DslCompiler.Plan(sources.Select(source => DslCompiler.Parse(source)).ToList());
        var networks = plan.Units.Where(u => u.Kind == UnitKind.Network).ToList();
        var declared = networks.Count == 0 ? "none" : string.Join(", ", networks.Select(u => u.Name));
        var errors = new List<string>();
        var unit = network is null ? (networks.Count == 1 ? networks[0] : null) : networks.FirstOrDefault(u => u.Name == network);
        if (unit is null)
            errors.Add(network is null
                ? networks.Count == 0 ? "the given files declare no network" : $"name the network to export with --network; the files declare {declared}"
                : $"no network '{network}' in the given files; they declare {declared}");
        var (parsed, argumentErrors) = NetworkArguments.Parse(arguments);
        errors.AddRange(argumentErrors);
        var values = parsed.Select(a => new DeclarationArgument(a.Key, a.Value.Kind switch
        {
            ValueKind.Int => a.Value.Int,
            ValueKind.Float => a.Value.Float,
            _ => (object)a.Value.Bool,
        })).ToList();
        if (unit is null || errors.Count > 0) return new SourceDeclaration(null, plan.Diagnostics, errors);
        var compiled = DslCompiler.Merge(plan.Diagnostics, new[] { DslCompiler.CompileUnit(unit, new CompileOptions("NetDsl.Generated", EmitCode: false)) });
        if (compiled.Diagnostics.Any(d => d.Severity == DslSeverity.Error)) return new SourceDeclaration(null, compiled.Diagnostics, errors);
        return new SourceDeclaration(new NetworkDeclaration(unit.Name, DslCompiler.DeclarationText(unit), values), compiled.Diagnostics, errors);
    }

    /// <summary>The instance's arguments as the checker's values, each of its parameter's type; null after reporting one that does not fit.</summary>
    private static Dictionary<string, ScalarValue>? Arguments(Scope scope, NetworkDeclaration declaration, Syntax.SourceText source, DiagnosticBag diagnostics)
    {
        var values = new Dictionary<string, ScalarValue>();
        var at = source.Span(default);
        foreach (var argument in declaration.Arguments)
        {
            var parameter = scope.Parameters.FirstOrDefault(p => p.Name == argument.Name);
            ScalarValue? value = (parameter?.Type, argument.Value) switch
            {
                (null, _) => null,
                (ValueKind.Int, long i) => ScalarValue.OfInt(i),
                (ValueKind.Int, int i) => ScalarValue.OfInt(i),
                (ValueKind.Float, double f) => ScalarValue.OfFloat(f),
                (ValueKind.Float, long i) => ScalarValue.OfFloat(i),
                (ValueKind.Bool, bool b) => ScalarValue.OfBool(b),
                _ => null,
            };
            if (value is null)
            {
                diagnostics.Report(DiagnosticCatalog.InvalidArgumentValue, at, parameter is null
                    ? $"network '{declaration.Name}' has no parameter '{argument.Name}'"
                    : $"argument '{argument.Name}' of network '{declaration.Name}' is {argument.Value?.GetType().Name ?? "null"}; the parameter is {parameter.Type.Describe()}");
                return null;
            }
            values[argument.Name] = value.Value;
        }
        return values;
    }
}
