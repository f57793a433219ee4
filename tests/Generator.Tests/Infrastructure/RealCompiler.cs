using Xunit;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Tests that run the real compiler from src/Dsl (rather than a stand-in) carry <c>[Trait(RealCompiler.Trait, RealCompiler.Value)]</c>,
/// so the Roslyn-side tests can be run alone: <c>dotnet test --filter "Compiler!=Real"</c>.
/// </summary>
public static class RealCompiler
{
    public const string Trait = "Compiler";

    public const string Value = "Real";

    /// <summary>Fails clearly if the compiler returned nothing at all (as its placeholder did) instead of failing later on an empty list.</summary>
    public static void RequireOutput(GeneratorRun run)
    {
        if (run.Files.Count == 0 && run.Diagnostics.IsEmpty)
        {
            Assert.Fail("DslCompiler.Compile produced neither files nor diagnostics for a .net source.");
        }
    }
}
