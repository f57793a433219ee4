using System.Linq;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>Blocks are shared across front-ends: a C# network uses a block from a .net file, a .net network a C# block; everything compiles.</summary>
public sealed class CSharpReuseTests
{
    private const string FireNet = """
        block Fire(s, e1, e3) {
          squeeze: conv(s, 1) |> relu
          concat(expand1x1: conv(e1, 1) |> relu, expand3x3: conv(e3, 3, padding: 1) |> relu)
        }
        """;

    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void A_csharp_network_calls_a_block_from_a_net_file_by_typeof_and_in_a_layers_string()
    {
        var run = CSharpHarness.Run(CSharpHarness.Usings + """
            namespace Tests.App;

            [Network(3, 32, 32)]
            public partial class Squeeze
            {
                [Conv2d(64, 3, Padding = 1), ReLU] partial void Stem();

                [Call(typeof(Fire), 16, 64, 64)]
                public partial Fire Fire2 { get; }

                [Layers("Fire(16, 64, 64) * 2")]
                public partial Sequential Fires { get; }

                [GlobalAvgPool2d, Linear(10)] partial void Head();
            }
            """, "Squeeze.cs", ("Fire.net", FireNet));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Equal(new[] { "Fire.g.cs", "NetDslLayers.g.cs", "Squeeze.g.cs" }, run.Files.Select(f => f.HintName));
        // The block class does not exist before generation: the property keeps the type as written.
        Assert.Contains("public partial Fire Fire2 => fire2;", run.Files.Single(f => f.HintName == "Squeeze.g.cs").Text);
    }

    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void A_net_network_calls_a_csharp_block()
    {
        var run = CSharpHarness.Run(CSharpHarness.Usings + """
            namespace Tests.App;

            [Block, Parameter("f")]
            public partial class ConvBn
            {
                [Conv2d("f", 3, Padding = 1, Bias = false), BatchNorm2d, ReLU] partial void Body();
            }
            """, "ConvBn.cs", ("Net.net", "network Net {\n  input [3, 32, 32]\n  stem: ConvBn(16) |> ConvBn(32)\n  global_avgpool |> linear(10)\n}\n"));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Equal(new[] { "ConvBn.g.cs", "Net.g.cs", "NetDslLayers.g.cs" }, run.Files.Select(f => f.HintName));
    }

    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void A_network_in_a_namespace_inside_the_root_one_and_nested_in_partial_types_compiles()
    {
        var run = CSharpHarness.Run(CSharpHarness.Usings + """
            namespace Tests.App.Models;

            public static partial class Zoo
            {
                internal partial class Tiny
                {
                    [Network(1, 28, 28), Parameter("classes", 10)]
                    internal partial class Net
                    {
                        [Conv2d(8, 3), ReLU, Flatten] partial void Features();

                        [Linear("classes")]
                        public partial Module<Tensor, Tensor>? Head { get; }
                    }
                }
            }

            public static class Use
            {
                public static long Count => Zoo.Tiny.Net.ParameterCount;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }
}
