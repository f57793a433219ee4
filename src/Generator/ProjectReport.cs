using System.Collections.Immutable;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Generator.FrontEnd;

namespace NetDsl.Generator;

/// <summary>Everything to report for the project: the plan's and every unit's diagnostics, in place order, and the internal errors.</summary>
internal sealed record ProjectReport(EquatableArray<DslDiagnostic> Diagnostics, EquatableArray<InternalError> Errors)
{
    public static ProjectReport Create(ProjectPlan plan, ImmutableArray<Guarded<CompilationOutput>> units, EquatableArray<CSharpDeclaration> declarations)
    {
        var merged = DslCompiler.Merge(plan.Diagnostics, units.Where(static u => u.Value is not null).Select(static u => u.Value!));
        var errors = plan.Errors.Concat(units.Where(static u => u.Error is not null).Select(static u => u.Error!));
        return new ProjectReport(CSharpUnits.MapDiagnostics(merged.Diagnostics, declarations), errors.ToEquatableArray());
    }

    /// <summary>A unit's outcome without its generated files, which the report does not need (and need not compare).</summary>
    public static Guarded<CompilationOutput> WithoutSources(Guarded<CompilationOutput> unit) =>
        unit.Value is null ? unit : Guarded<CompilationOutput>.Succeeded(unit.Value with { Sources = EquatableArray<GeneratedSource>.Empty });
}
