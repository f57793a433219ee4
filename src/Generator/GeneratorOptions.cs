using Microsoft.CodeAnalysis.Diagnostics;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>Reads <see cref="CompileOptions"/> from the MSBuild properties made visible to the compiler (see build/NetDsl.props).</summary>
internal static class GeneratorOptions
{
    public const string RootNamespaceKey = "build_property.RootNamespace";

    public const string DefaultNamespace = "NetDsl.Generated";

    public static CompileOptions Read(AnalyzerConfigOptions globalOptions)
    {
        globalOptions.TryGetValue(RootNamespaceKey, out var rootNamespace);
        var ns = string.IsNullOrWhiteSpace(rootNamespace) ? DefaultNamespace : rootNamespace!.Trim();
        return new CompileOptions(ns);
    }
}
