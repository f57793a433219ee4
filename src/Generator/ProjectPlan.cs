using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Generator.FrontEnd;

namespace NetDsl.Generator;

/// <summary>
/// The plan step's value: the units to compile, one per network or block (each carries only the files it reaches, so
/// an edit elsewhere leaves it equal and its compile step cached), what concerns the project as a whole, and the
/// internal errors of this and the parse steps.
/// </summary>
internal sealed record ProjectPlan(EquatableArray<CompileUnit> Units, EquatableArray<DslDiagnostic> Diagnostics, EquatableArray<InternalError> Errors)
{
    public static ProjectPlan Create(
        ICompilerPhases compiler,
        ImmutableArray<Guarded<SyntaxUnit>> parsed,
        EquatableArray<CSharpDeclaration> declarations,
        CompileOptions options,
        CancellationToken cancellationToken)
    {
        var errors = parsed.Where(static p => p.Error is not null).Select(static p => p.Error!).ToList();
        var plan = Guard.Run(
            () =>
            {
                var files = SourceInputs.Normalize(parsed.Where(static p => p.Value is not null).Select(static p => p.Value!));
                files.AddRange(CSharpUnits.Create(declarations, options));
                return compiler.Plan(files, cancellationToken);
            },
            cancellationToken);
        if (plan.Error is not null) errors.Add(plan.Error);
        return new ProjectPlan(
            plan.Value?.Units ?? EquatableArray<CompileUnit>.Empty,
            plan.Value?.Diagnostics ?? EquatableArray<DslDiagnostic>.Empty,
            errors.ToEquatableArray());
    }
}
