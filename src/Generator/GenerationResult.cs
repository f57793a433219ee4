using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>The outcome of the compile step: the compiler's output, or the internal error that replaced it.</summary>
internal sealed record GenerationResult(CompilationOutput? Output, InternalError? Error)
{
    public static GenerationResult Succeeded(CompilationOutput output) => new(output, null);

    public static GenerationResult Failed(InternalError error) => new(null, error);
}
