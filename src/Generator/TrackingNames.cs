namespace NetDsl.Generator;

/// <summary>The names of the generator's pipeline steps, so tests can assert how each step ran (cached, unchanged, modified).</summary>
internal static class TrackingNames
{
    /// <summary>One <see cref="Compiler.DslSource"/> per <c>.net</c> additional file.</summary>
    public const string Sources = "NetDsl.Sources";

    /// <summary>One parsed <see cref="Compiler.SyntaxUnit"/> per <c>.net</c> file (re-run only when that file's text changes).</summary>
    public const string Parse = "NetDsl.Parse";

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

    /// <summary>The project split into units, with the diagnostics that concern it as a whole (<see cref="ProjectPlan"/>).</summary>
    public const string Plan = "NetDsl.Plan";

    /// <summary>One <see cref="Compiler.CompileUnit"/> per network, block and the support file.</summary>
    public const string Units = "NetDsl.Units";

    /// <summary>One compiler output (or the internal error it raised) per unit.</summary>
    public const string Compile = "NetDsl.Compile";

    /// <summary>The files generated for one unit.</summary>
    public const string GeneratedSources = "NetDsl.GeneratedSources";

    /// <summary>Stub parts for C# declarations the compiler generated nothing for.</summary>
    public const string Stubs = "NetDsl.Stubs";

    /// <summary>The diagnostics and internal errors to report, before they are located in the compilation's syntax trees.</summary>
    public const string Diagnostics = "NetDsl.Diagnostics";
}
