using System.Collections.Generic;
using System.Linq;
using NetDsl.Semantics;

namespace NetDsl.Analysis;

/// <summary>
/// Listens to one network's check and writes what every site of every scope run was into a <see cref="ShapeTable"/>.
/// A scope's layers are reported before the scope ends, and a scope never runs inside itself (recursion is an
/// error), so the layers waiting for a scope when it ends are those of that run.
/// </summary>
internal sealed class ShapeRecorder : ICheckObserver
{
    private readonly string _network;
    private readonly Dictionary<Scope, Dictionary<ApplyInstruction, Applied>> _pending = new();

    /// <summary>Instructions are records whose value hash walks their arguments: they are told apart by identity.</summary>
    private static readonly Collections.ReferenceComparer<ApplyInstruction> ByIdentity = Collections.ReferenceComparer<ApplyInstruction>.Instance;
    private readonly Dictionary<Scope, long> _groupParameters = new();

    public ShapeRecorder(string network) => _network = network;

    public NetworkShapeTable Table { get; } = new();

    /// <summary>Whether the network was checked at all (the build skips a network with errors).</summary>
    public bool Checked { get; private set; }

    private sealed class Applied
    {
        public Applied(string path) => Path = path;

        public string Path { get; }

        public long Parameters { get; set; }

        public long MultiplyAccumulates { get; set; }

        public int Copies { get; set; }

        /// <summary>The op as the first copy applied it, arguments evaluated; then <c>… last</c> when a later copy's differ.</summary>
        public string? Op { get; set; }

        public string? FirstOp { get; set; }
    }

    public void LayerChecked(Scope scope, ApplyInstruction apply, string path, Shape output, long parameters, long multiplyAccumulates, string? op)
    {
        if (!_pending.TryGetValue(scope, out var layers)) _pending[scope] = layers = new Dictionary<ApplyInstruction, Applied>(ByIdentity);
        if (!layers.TryGetValue(apply, out var applied)) layers[apply] = applied = new Applied(path) { Op = op, FirstOp = op };
        else if (op is not null && op != applied.FirstOp) applied.Op = applied.FirstOp + " … " + op;
        applied.Parameters += parameters;
        applied.MultiplyAccumulates += multiplyAccumulates;
        applied.Copies++;
    }

    public void ScopeChecked(Scope scope, string path, IReadOnlyList<Shape[]?> values, IScalarScope scalars, long parameters)
    {
        Checked = true;
        var file = scope.Source.Path;
        _pending.TryGetValue(scope, out var applied);
        _pending.Remove(scope);
        if (scope.Kind is ScopeKind.Group or ScopeKind.Parallel)
            _groupParameters[scope] = (_groupParameters.TryGetValue(scope, out var sum) ? sum : 0) + parameters;

        Shape? Single(int id) => id >= 0 && id < values.Count && values[id] is { Length: > 0 } shapes ? shapes[0] : null;
        string Child(string name) => path.Length == 0 ? name : path + "." + name;

        foreach (var parameter in scope.Parameters)
        {
            Table.Add(parameter, file, () => new ShapedSite(ShapedKind.Parameter, parameter.Name, parameter.Range, parameter.Range),
                new SiteShape(_network, path, null, null, Evaluate(scalars, new ParameterScalar(parameter.Name, parameter.Type, parameter.Range))));
        }
        foreach (var input in scope.Inputs)
        {
            var info = scope.Values[input];
            if (scope.Kind != ScopeKind.Block || info.Name is null) continue;
            Table.Add(info, file, () => new ShapedSite(ShapedKind.Value, info.Name!, info.Range, info.Range), new SiteShape(_network, path, Single(input), null, null));
        }
        foreach (var instruction in scope.Instructions)
        {
            switch (instruction)
            {
                case ApplyInstruction apply:
                {
                    ShapedSite Site() => new(ShapedKind.Layer, apply.Layer.Name, apply.Range, apply.Label is null ? apply.Layer.NameRange : apply.LabelRange);
                    if (applied is not null && applied.TryGetValue(apply, out var done))
                        Table.Add(apply, file, Site, new SiteShape(_network, done.Path, Single(apply.Result), done.Parameters, null, Copies: done.Copies, MultiplyAccumulates: done.MultiplyAccumulates, Op: done.Op));
                    else if (apply.Condition is not null && Single(apply.Result) is { } passed && apply.Inputs.Count == 1 && Single(apply.Inputs[0]) == passed)
                        Table.Add(apply, file, Site, new SiteShape(_network, path, passed, 0, null, Absent: true));
                    break;
                }
                case MergeInstruction merge:
                    if (Single(merge.Result) is { } merged)
                        Table.Add(merge, file, () => new ShapedSite(ShapedKind.Merge, merge.Kind.ToString().ToLowerInvariant(), merge.Range, merge.Range), new SiteShape(_network, path + "(" + merge.Name + ")", merged, 0, null));
                    break;
                case FunctionInstruction function:
                    if (Single(function.Result) is { } computed)
                        Table.Add(function, file, () => new ShapedSite(ShapedKind.Function, function.Layer.Name, function.Range, function.Layer.NameRange), new SiteShape(_network, path + "(" + function.Name + ")", computed, 0, null));
                    break;
                case ArithmeticInstruction arithmetic:
                    if (Single(arithmetic.Result) is { } scaled)
                        Table.Add(arithmetic, file, () => new ShapedSite(ShapedKind.Function, arithmetic.Text, arithmetic.Range, arithmetic.Range), new SiteShape(_network, path + "(" + arithmetic.Name + ")", scaled, 0, null));
                    break;
                case GroupInstruction group:
                {
                    var name = group.Label ?? (group.Count is null ? "group" : "parallel");
                    _groupParameters.TryGetValue(group.Body, out var inside);
                    _groupParameters.Remove(group.Body);
                    if (values[group.Result] is { Length: > 0 } shapes)
                        Table.Add(group, file, () => new ShapedSite(ShapedKind.Group, name, group.Range, group.Label is null ? group.Range : group.LabelRange),
                            new SiteShape(_network, group.Label is null ? path : Child(group.Label), shapes[0], inside, null, Copies: shapes.Length));
                    break;
                }
                case SelectInstruction select:
                    if (Single(select.Result) is { } chosen)
                        Table.Add(select, file, () => new ShapedSite(ShapedKind.Select, "if", select.Range, select.Range), new SiteShape(_network, path, chosen, null, null));
                    break;
            }
        }
        foreach (var named in scope.Names)
        {
            if (named.Number is { } number)
                Table.Add(named, file, () => new ShapedSite(ShapedKind.Number, named.Name, named.Range, named.Range), new SiteShape(_network, path, null, null, Evaluate(scalars, number)));
            else
                Table.Add(named, file, () => new ShapedSite(ShapedKind.Value, named.Name, named.Range, named.Range), new SiteShape(_network, path, Single(named.Value), null, null));
        }
    }

    private static string? Evaluate(IScalarScope scalars, Scalar scalar)
    {
        try
        {
            return ScalarEvaluator.Evaluate(scalar, scalars).ToString();
        }
        catch (System.Exception error) when (error is ScalarEvaluationException or KeyNotFoundException)
        {
            return null; // a parameter not bound, or a size not computed for this call: the hover says nothing for it
        }
    }
}
