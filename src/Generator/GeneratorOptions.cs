using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>Reads <see cref="CompileOptions"/> from the MSBuild properties made visible to the compiler (see build/NetDsl.props).</summary>
internal static class GeneratorOptions
{
    public const string RootNamespaceKey = "build_property.RootNamespace";

    /// <summary>false: generated forwards run every op out of place and release nothing (see <see cref="CompileOptions.ReuseMemory"/>).</summary>
    public const string ReuseMemoryKey = "build_property.NetDslReuseMemory";

    public const string DefaultNamespace = "NetDsl.Generated";

    public const string RuntimeAssembly = "NetDsl.Runtime";

    /// <summary>A bool, not the compilation, flows on: an edit that keeps the references re-runs nothing downstream.</summary>
    public static bool ReferencesRuntime(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(static name => name.Name == RuntimeAssembly);

    public static CompileOptions Read(AnalyzerConfigOptions globalOptions)
    {
        globalOptions.TryGetValue(RootNamespaceKey, out var rootNamespace);
        var ns = string.IsNullOrWhiteSpace(rootNamespace) ? DefaultNamespace : rootNamespace!.Trim();
        globalOptions.TryGetValue(ReuseMemoryKey, out var reuseMemory);
        return new CompileOptions(ns, ReuseMemory: !string.Equals(reuseMemory?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase));
    }
}
