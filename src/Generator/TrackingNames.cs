namespace NetDsl.Generator;

/// <summary>The names of the generator's pipeline steps, so tests can assert how each step ran (cached, unchanged, modified).</summary>
internal static class TrackingNames
{
    /// <summary>One <see cref="Compiler.DslSource"/> per <c>.net</c> additional file.</summary>
    public const string Sources = "NetDsl.Sources";

    /// <summary>All sources, deduplicated and ordered by path.</summary>
    public const string AllSources = "NetDsl.AllSources";

    /// <summary>One <see cref="FrontEnd.CSharpDeclaration"/> per <c>[Network]</c> class.</summary>
    public const string CSharpNetworks = "NetDsl.CSharpNetworks";

    /// <summary>One <see cref="FrontEnd.CSharpDeclaration"/> per <c>[Block]</c> class.</summary>
    public const string CSharpBlocks = "NetDsl.CSharpBlocks";

    /// <summary>All C# declarations, ordered by file and position.</summary>
    public const string AllCSharpDeclarations = "NetDsl.AllCSharpDeclarations";

    /// <summary>The <see cref="Compiler.CompileOptions"/> read from the project's build properties.</summary>
    public const string Options = "NetDsl.Options";

    /// <summary>Whether the compilation references NetDsl.Runtime (generated code then loads TorchSharp's native library early).</summary>
    public const string ReferencesRuntime = "NetDsl.ReferencesRuntime";

    /// <summary>The compiler's output (or the internal error it raised).</summary>
    public const string Compile = "NetDsl.Compile";

    /// <summary>The diagnostics to report, before they are located in the compilation's syntax trees.</summary>
    public const string Diagnostics = "NetDsl.Diagnostics";
}
