extern alias DslAssembly;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>The assemblies generated code is compiled against: .NET's reference assemblies, TorchSharp and NetDsl.Dsl.</summary>
public static class CompileReferences
{
    private const string FrameworkListFile = "netdsl-framework-references.txt";

    /// <summary>The reference assemblies this test project was itself compiled against (listed by the build; see the .csproj).</summary>
    public static IReadOnlyList<MetadataReference> Framework { get; } = LoadFramework();

    public static MetadataReference TorchSharp { get; } =
        MetadataReference.CreateFromFile(typeof(global::TorchSharp.torch).Assembly.Location);

    /// <summary>The run-time NetDsl.Dsl.dll (not the copy compiled into the generator).</summary>
    public static MetadataReference Dsl { get; } =
        MetadataReference.CreateFromFile(typeof(DslAssembly::NetDsl.Compiler.DslCompiler).Assembly.Location);

    public static IReadOnlyList<MetadataReference> ForGeneratedCode { get; } =
        Framework.Append(TorchSharp).Append(Dsl).ToList();

    private static IReadOnlyList<MetadataReference> LoadFramework()
    {
        var list = Path.Combine(AppContext.BaseDirectory, FrameworkListFile);
        if (!File.Exists(list))
        {
            throw new InvalidOperationException($"{list} is missing: the test project's build writes it (target WriteFrameworkReferenceList).");
        }

        var paths = File.ReadAllLines(list).Where(line => line.Length > 0).ToList();
        if (paths.Count == 0) throw new InvalidOperationException($"{list} lists no reference assemblies.");
        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
    }
}
