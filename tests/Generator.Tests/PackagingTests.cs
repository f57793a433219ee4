using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>The analyzer loads as one DLL: it needs nothing but what the compiler host already has.</summary>
public sealed class PackagingTests
{
    private static readonly string[] HostAssemblies =
    {
        "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable", "System.Memory",
        "System.Runtime.CompilerServices.Unsafe", "System.Reflection.Metadata", "System.Text.Encoding.CodePages",
    };

    [Fact]
    public void The_generator_references_only_assemblies_the_compiler_host_provides()
    {
        var references = typeof(NetDslGenerator).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.All(references, name => Assert.Contains(name, HostAssemblies));
    }

    [Fact]
    public void The_generator_is_a_csharp_incremental_generator_roslyn_can_create()
    {
        var attribute = typeof(NetDslGenerator).GetCustomAttribute<GeneratorAttribute>();

        Assert.NotNull(attribute);
        Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        Assert.NotNull(typeof(NetDslGenerator).GetConstructor(System.Type.EmptyTypes));
        Assert.True(typeof(IIncrementalGenerator).IsAssignableFrom(typeof(NetDslGenerator)));
    }
}
