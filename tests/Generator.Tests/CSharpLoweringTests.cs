using System.Linq;
using NetDsl.Generator.FrontEnd;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The C# front-end builds the syntax tree the <c>.net</c> parser builds for the equivalent text: each case is a C#
/// class and the <c>.net</c> declaration it means, compared structurally (ranges aside; see <see cref="SyntaxPrinter"/>).
/// </summary>
public sealed class CSharpLoweringTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "a child declared before its use (torchvision's PatchMerging order): the declaration and the bare name in [Layers]",
            """
            [Block]
            public partial class Merge
            {
                [Layers("reduction = layer(linear(2 * input.size(-1), bias: false))")]
                partial void Declare();

                [LayerNorm]
                public partial Module<Tensor, Tensor> Norm { get; }

                [Layers("reduction")]
                partial void Reduce();
            }
            """,
            """
            block Merge {
              reduction = layer(linear(2 * input.size(-1), bias: false))
              norm: layer_norm
              reduction
            }
            """
        },
        {
            "a symbolic input size in a string, token ids, structural ops with lists of axes, methods in [Layers]",
            """
            [Network("t <= context", 2, TokenIds = true), Parameter("context", 16)]
            public partial class Net
            {
                [Permute(1, 0), Reshape(2, -1), Transpose(0, -1), Select(0, -1), Slice(0, 1, Step = 2)]
                partial void Structure();

                [Layers("(a, b) = input.chunk(2)")]
                partial void Halves();

                [Layers("concat(a[0], b[-1:].flatten(), dim: 0) |> .softmax(-1)")]
                partial void Join();
            }
            """,
            """
            network Net(context = 16) {
              input tokens [t <= context, 2]
              permute(1, 0) |> reshape(2, -1) |> transpose(0, -1) |> select(0, -1) |> slice(0, 1, step: 2)
              (a, b) = input.chunk(2)
              concat(a[0], b[-1:].flatten(), dim: 0) |> .softmax(-1)
            }
            """
        },
        {
            "typed layers, a named group per property, an unnamed step, a parameter",
            """
            [Network(1, 28, 28), Parameter("classes", 10)]
            public partial class Net
            {
                [Conv2d(32, 3, Padding = 1), BatchNorm2d, ReLU]
                [MaxPool2d(2)]
                public partial Sequential Features { get; }

                [Flatten] partial void Flatten();

                [Linear(128), ReLU, Dropout(0.5), Linear("classes")]
                public partial Sequential Classifier { get; }
            }
            """,
            """
            network Net(classes = 10) {
              input [1, 28, 28]
              features: (conv(32, 3, padding: 1) |> bn |> relu |> maxpool(2))
              flatten
              classifier: (linear(128) |> relu |> dropout(0.5) |> linear(classes))
            }
            """
        },
        {
            "one layer on a property is that child; per-layer labels; a method's layers join the body",
            """
            [Network(3, 32, 32)]
            public partial class Net
            {
                [Conv2d(16, 3, Padding = 1, Bias = false, Label = "conv1"), BatchNorm2d(Label = "bn1"), ReLU]
                partial void Stem();

                [GlobalAvgPool2d] partial void Pool();

                [Linear(10)]
                public partial Module<Tensor, Tensor> Fc { get; }
            }
            """,
            """
            network Net {
              input [3, 32, 32]
              conv1: conv(16, 3, padding: 1, bias: false) |> bn1: bn |> relu
              global_avgpool
              fc: linear(10)
            }
            """
        },
        {
            "arguments: positional optionals, named constructor arguments, pairs, constants, expressions, symbols, negative and float literals",
            """
            [Network(3, "size", "size"), Parameter("size", 64), Parameter("width", 2)]
            public partial class Net
            {
                const int Filters = 8;

                [Conv2d(Filters, new[] { 1, 7 }, 2, "same"), Conv2d("width * 16", kernel: 3, Dilation = new object[] { 1, "width" })]
                [DepthwiseConv2d(3, Multiplier = 2), SeparableConv2d(8, 3, Padding = "valid", Bias = false)]
                [BatchNorm2d(Eps = 1e-3, Momentum = 0.01f), LeakyReLU(0.2), ZeroPad2d(-1 + 2, Right = 0)]
                partial void Body();
            }
            """,
            """
            network Net(size = 64, width = 2) {
              input [3, size, size]
              conv(8, (1, 7), 2, same) |> conv(width * 16, kernel: 3, dilation: (1, width)) |> depthwise(3, multiplier: 2) |> sepconv(8, 3, padding: valid, bias: false) |> bn(eps: 0.001, momentum: 0.01) |> leaky_relu(0.2) |> zeropad(1, right: 0)
            }
            """
        },
        {
            "block calls, repetition, repetition copies as children, a parameterless call",
            """
            [Network(3, 32, 32)]
            public partial class Net
            {
                [Call(typeof(Fire), 16, 64, 64), Call("SE"), Call(typeof(Res), 32, Repeat = 2)]
                partial void Blocks();

                [Call(typeof(Dense), 4, Repeat = "1 + 1", Label = "layer*")]
                partial void Dense();

                [Call(typeof(Res), 32, Repeat = 3)]
                public partial Sequential Residuals { get; }
            }
            """,
            """
            network Net {
              input [3, 32, 32]
              Fire(16, 64, 64) |> SE() |> Res(32) * 2
              layer*: Dense(4) * (1 + 1)
              residuals: Res(32) * 3
            }
            """
        },
        {
            "[Layers]: an expression joins the pipeline; statements are a group on a property, the body itself on a method",
            """"
            [Network(3, 32, 32), Parameter("pre", true)]
            public partial class Net
            {
                [Conv2d(8, 1), Layers("relu if pre |> Fire(4, 8, 8) * 2"), ReLU]
                public partial Sequential Stem { get; }

                [Layers("""
                    shortcut = input |> conv(8, 1)
                    input + shortcut
                    """)]
                public partial Module<Tensor, Tensor> Residual { get; }

                [Layers(@"x = input |> conv(8, 1)
                          (x, x) |> concat")]
                partial void Merge();

                [Layers("global_avgpool")] partial void Pool();
            }
            """",
            """
            network Net(pre = true) {
              input [3, 32, 32]
              stem: (conv(8, 1) |> relu if pre |> Fire(4, 8, 8) * 2 |> relu)
              residual: {
                shortcut = input |> conv(8, 1)
                input + shortcut
              }
              x = input |> conv(8, 1)
              (x, x) |> concat
              global_avgpool
            }
            """
        },
        {
            "a block: parameters with and without defaults, typed, a default from another parameter, several inputs",
            """
            [Block("x", "prev"), Parameter("f1"), Parameter("f2", "f1"), Parameter("rate", 1, Type = typeof(double)), Parameter("pre", false)]
            public partial class Cell
            {
                [Layers("concat(x |> conv(f1, 1), prev |> conv(f2, 1))")]
                partial void Body();
            }
            """,
            """
            block Cell(f1, f2 = f1, rate: float = 1, pre = false) {
              input x, prev
              concat(x |> conv(f1, 1), prev |> conv(f2, 1))
            }
            """
        },
        {
            "a label that is no name (a keyword, a hyphen) is a quoted label; a template label names the copies; a comprehension in [Layers]",
            """"
            [Network(3, 32, 32), Parameter("depth", 2)]
            public partial class Net
            {
                [Label("block"), Conv2d(8, 1)]
                public partial Module<Tensor, Tensor> Block { get; }

                [Conv2d(8, 1, Label = "block1-0"), Call(typeof(Res), 8, Repeat = 2, Label = "encoder_layer_{i}")]
                partial void Body();

                [Layers("""
                    "stage{j + 1}": Res(8 + j) for j in depth
                    """)]
                partial void Stages();
            }
            """",
            """
            network Net(depth = 2) {
              input [3, 32, 32]
              "block": conv(8, 1)
              "block1-0": conv(8, 1) |> "encoder_layer_{i}": Res(8) * 2
              "stage{j + 1}": Res(8 + j) for j in depth
            }
            """
        },
        {
            "[Output] attributes name the outputs, in order, as the network's last statement; WhileTraining is 'if training'",
            """"
            [Network(8), Output("logits", "x"), Output("aux", "a |> softmax", WhileTraining = true)]
            public partial class Net
            {
                [Layers("""
                    a = linear(2)
                    x = linear(4)
                    """)]
                partial void Body();
            }
            """",
            """
            network Net() {
              input [8]
              a = linear(2)
              x = linear(4)
              output logits: x, aux: a |> softmax if training
            }
            """
        },
        {
            "[Label] names a stage; on a method it makes a named stage",
            """
            [Block]
            public partial class Stem
            {
                [Label("Conv2d_1a_3x3"), Conv2d(32, 3, Stride = 2)]
                public partial Module<Tensor, Tensor> First { get; }

                [Label("tail"), ReLU, MaxPool2d(3, Stride = 2)]
                partial void Tail();
            }
            """,
            """
            block Stem {
              Conv2d_1a_3x3: conv(32, 3, stride: 2)
              tail: (relu |> maxpool(3, stride: 2))
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_attribute_form_is_the_syntax_of_the_net_form(string description, string csharp, string net)
    {
        var (declarations, diagnostics) = FrontEndRun.Read("namespace Tests.App;\n\n" + csharp);

        Assert.True(diagnostics.Count == 0, description + ": " + string.Join("\n", diagnostics));
        Assert.Equal(string.Join("\n", FrontEndRun.ParseNet(net)), string.Join("\n", declarations.Select(SyntaxPrinter.Print)));
    }

    [Fact]
    public void A_class_hosts_what_it_declares_namespace_enclosing_types_accessibility_and_partial_properties()
    {
        var (declarations, _) = FrontEndRun.Read("""
            namespace Tests.App.Models;

            public partial class Outer
            {
                internal partial record Middle
                {
                    [Network(784)]
                    internal partial class Net
                    {
                        [Linear(10)]
                        public partial Module<Tensor, Tensor>? Head { get; }

                        [Label("body"), ReLU, ReLU]
                        public partial Sequential Tail { get; }
                    }
                }
            }
            """);

        var host = Assert.Single(declarations).Host!;
        Assert.Equal("Tests.App.Models", host.Namespace);
        Assert.Equal(new[] { "partial class Outer", "partial record Middle" }, host.ContainingTypes);
        Assert.Equal("internal", host.Accessibility);
        Assert.Equal(
            new[]
            {
                ("Head", "global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>?", "head", Syntax.ChildKinds.Module | Syntax.ChildKinds.Sequential, (string?)null),
                ("Tail", "global::TorchSharp.Modules.Sequential", "body", Syntax.ChildKinds.Sequential, "TorchSharp.Modules.Sequential"),
            },
            host.Members.Select(m => (m.Name, m.Type, m.Child, m.Holds, m.Class)));
    }

    [Theory]
    [InlineData("Features", "features")]
    [InlineData("Layer1", "layer1")]
    [InlineData("Conv1", "conv1")]
    [InlineData("BN1", "bn1")]
    [InlineData("SE", "se")]
    [InlineData("FCLayer", "fcLayer")]
    [InlineData("Expand1x1", "expand1x1")]
    [InlineData("downsample", "downsample")]
    [InlineData("X", "x")]
    public void A_property_name_becomes_a_state_dict_name_with_its_leading_capitals_lowered(string property, string child)
    {
        Assert.Equal(child, NetNames.StateName(property));
    }
}
