using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;

namespace NetDsl.Analysis;

/// <summary>
/// Analyses one project's <c>.net</c> files again and again as they are edited, redoing only what an edit can change,
/// as the generator does: a file is parsed again when its text changes, a network or block is checked again when a
/// file it reaches changes. Diagnostics are the build's own (<see cref="DslCompiler"/>'s phases, in its order).
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class ProjectAnalyzer
{
    private readonly CompileOptions _options;
    private Dictionary<string, SyntaxUnit> _parsed = new(System.StringComparer.Ordinal);
    private Dictionary<UnitKey, CompilationOutput> _compiled = new();
    private Dictionary<UnitKey, NetworkShapeTable> _shapes = new();

    /// <param name="options">Only a C# declaration's checks read them; the namespace of generated code changes no diagnostic of a <c>.net</c> file.</param>
    public ProjectAnalyzer(CompileOptions? options = null) => _options = (options ?? new CompileOptions("NetDsl.Generated")) with { EmitCode = false };

    public ProjectSnapshot Analyze(IReadOnlyList<DslSource> sources, CancellationToken cancellationToken = default)
    {
        var parsed = new Dictionary<string, SyntaxUnit>(System.StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (parsed.ContainsKey(source.Path)) continue;
            parsed[source.Path] = _parsed.TryGetValue(source.Path, out var previous) && previous.Text == source.Text
                ? previous
                : DslCompiler.Parse(source, cancellationToken);
        }
        var files = parsed.Values.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToList();
        var plan = DslCompiler.Plan(files, cancellationToken);

        var compiled = new Dictionary<UnitKey, CompilationOutput>();
        var shapes = new Dictionary<UnitKey, NetworkShapeTable>();
        var parts = new List<NetworkShapeTable>();
        foreach (var unit in plan.Units)
        {
            var key = new UnitKey(unit);
            if (_compiled.TryGetValue(key, out var output) && (unit.Kind != UnitKind.Network || _shapes.ContainsKey(key)))
            {
                compiled[key] = output;
                if (unit.Kind == UnitKind.Network) parts.Add(shapes[key] = _shapes[key]);
                continue;
            }
            // A network's shapes come from the build's own check when it runs; one with errors is not checked there, so
            // it is checked again for its shapes alone.
            var recorder = unit.Kind == UnitKind.Network ? new ShapeRecorder(unit.Name) : null;
            compiled[key] = DslCompiler.CompileUnit(unit, _options, recorder, cancellationToken);
            if (recorder is null) continue;
            shapes[key] = recorder.Checked ? recorder.Table : NetworkShapes.Check(unit, cancellationToken);
            parts.Add(shapes[key]);
        }
        var diagnostics = DslCompiler.Merge(plan.Diagnostics, plan.Units.Select(u => compiled[new UnitKey(u)])).Diagnostics;
        _parsed = parsed;
        _compiled = compiled;
        _shapes = shapes;
        return new ProjectSnapshot(parsed, diagnostics, new ShapeTable(parts));
    }

    /// <summary>
    /// A unit by its kind, name and the very file instances it reaches: files are reused while their text is unchanged,
    /// so comparing instances says what comparing whole syntax trees would, without walking them.
    /// </summary>
    private sealed class UnitKey : System.IEquatable<UnitKey>
    {
        private readonly CompileUnit _unit;
        private readonly int _hash;

        public UnitKey(CompileUnit unit)
        {
            _unit = unit;
            var hash = unit.Kind.GetHashCode() * 31 + unit.Name.GetHashCode();
            foreach (var file in unit.Files) hash = hash * 31 + ReferenceComparer<SyntaxUnit>.Instance.GetHashCode(file);
            _hash = hash;
        }

        public bool Equals(UnitKey? other) =>
            other is not null && other._unit.Kind == _unit.Kind && other._unit.Name == _unit.Name &&
            other._unit.Files.Count == _unit.Files.Count &&
            _unit.Files.Zip(other._unit.Files, (a, b) => ReferenceEquals(a, b)).All(same => same);

        public override bool Equals(object? obj) => Equals(obj as UnitKey);

        public override int GetHashCode() => _hash;
    }
}
