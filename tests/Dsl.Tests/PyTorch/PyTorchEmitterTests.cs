using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Compiler;
using NetDsl.Emit;
using Xunit;

namespace NetDsl.DslTests.PyTorch;

/// <summary>What the PyTorch export writes and refuses, on small declarations.</summary>
public sealed class PyTorchEmitterTests
{
    private static PyTorchExport Export(string text, IReadOnlyCollection<string>? networks = null, IReadOnlyDictionary<string, string>? arguments = null) =>
        PyTorchEmitter.Export(new[] { new DslSource("model.net", text) }, networks, arguments);

    private const string TwoNetworks = """
        block Unit(filters, stride = 1) {
          conv(filters, 3, stride: stride, padding: 1, bias: false) |> bn |> relu
        }

        network Small(classes = 10) {
          input [3, 32, 32]
          stem: Unit(16)
          down: Unit(32, stride: 2)
          again: Unit(32)
          global_avgpool |> linear(classes)
        }

        network Other {
          input [8]
          linear(4)
        }
        """;

    [Fact]
    public void Each_network_is_a_class_and_a_block_called_with_other_arguments_is_another()
    {
        var export = Export(TwoNetworks);
        Assert.True(export.Succeeded, string.Join("\n", export.Errors));
        var text = export.Text!;
        Assert.Contains("class Small(nn.Module):", text);
        Assert.Contains("class Other(nn.Module):", text);
        Assert.Contains("__all__ = [\"Other\", \"Small\"]", text);
        // Unit(16) on [3, 32, 32], Unit(32, stride: 2) on [16, 32, 32] and Unit(32) on [32, 16, 16]: three classes.
        Assert.Contains("class Unit(nn.Module):", text);
        Assert.Contains("class Unit2(nn.Module):", text);
        Assert.Contains("class Unit3(nn.Module):", text);
        Assert.Contains("\"Block Unit(filters=32, stride=2) on input [16, 32, 32].\"", text);
        Assert.Contains("self.stem = Unit()", text);
        Assert.Contains("nn.Conv2d(16, 32, 3, stride=2, padding=1, bias=False)", text);
        Assert.DoesNotContain("import numpy", text);
    }

    [Fact]
    public void Identical_calls_share_one_class()
    {
        var export = Export("""
            block Unit(filters) {
              conv(filters, 3, padding: 1) |> relu
            }

            network Same {
              input [8, 8, 8]
              a: Unit(8)
              b: Unit(8)
            }
            """);
        Assert.True(export.Succeeded, string.Join("\n", export.Errors));
        Assert.Contains("self.a = Unit()", export.Text);
        Assert.Contains("self.b = Unit()", export.Text);
        Assert.DoesNotContain("Unit2", export.Text);
    }

    [Fact]
    public void Arguments_replace_the_defaults_of_the_network_named()
    {
        var export = Export(TwoNetworks, new[] { "Small" }, new Dictionary<string, string> { ["classes"] = "3" });
        Assert.True(export.Succeeded, string.Join("\n", export.Errors));
        Assert.Contains("nn.Linear(32, 3)", export.Text);
        Assert.Contains("\"Network Small(classes=3): input [3, 32, 32].\"", export.Text);
        Assert.DoesNotContain("class Other", export.Text);
    }

    [Fact]
    public void An_unknown_or_ill_typed_argument_is_a_diagnostic_naming_the_parameter()
    {
        var unknown = Export(TwoNetworks, new[] { "Small" }, new Dictionary<string, string> { ["clases"] = "3" });
        Assert.False(unknown.Succeeded);
        var message = Assert.Single(unknown.Diagnostics).Message;
        Assert.Equal("network 'Small' has no parameter 'clases'; its parameters are classes", message);

        var wrong = Export(TwoNetworks, new[] { "Small" }, new Dictionary<string, string> { ["classes"] = "2.5" });
        Assert.False(wrong.Succeeded);
        Assert.Equal("parameter 'classes' of network 'Small' takes an integer, not 2.5", Assert.Single(wrong.Diagnostics).Message);

        var unreadable = Export(TwoNetworks, new[] { "Small" }, new Dictionary<string, string> { ["classes"] = "ten" });
        Assert.Equal("argument classes=ten is not an integer, a float or true/false", Assert.Single(unreadable.Errors));

        var several = Export(TwoNetworks, null, new Dictionary<string, string> { ["classes"] = "3" });
        Assert.Equal("arguments are for one network; name it (the files declare Other, Small)", Assert.Single(several.Errors));
    }

    [Fact]
    public void A_network_that_is_not_declared_is_an_error_listing_those_that_are()
    {
        var export = Export(TwoNetworks, new[] { "Large" });
        Assert.False(export.Succeeded);
        Assert.Equal("no network 'Large' in the given files; they declare Other, Small", Assert.Single(export.Errors));
    }

    [Fact]
    public void A_declaration_with_errors_exports_nothing_and_gives_the_builds_diagnostics()
    {
        var export = Export("""
            network Broken {
              input [3, 8, 8]
              a: conv(8, 3) |> flatten
              b: conv(8, 3)
            }
            """);
        Assert.False(export.Succeeded);
        Assert.Null(export.Text);
        Assert.Contains(export.Diagnostics, d => d.Severity == Diagnostics.DslSeverity.Error);
    }

    [Fact]
    public void Labels_that_are_no_python_attribute_are_registered_by_name()
    {
        var export = Export("""
            network Labels {
              input [4]
              "class": linear(4)
              "block-1": linear(4)
              training: linear(4)
              linear(2)
            }
            """);
        Assert.True(export.Succeeded, string.Join("\n", export.Errors));
        Assert.Contains("self.add_module(\"class\", nn.Linear(4, 4))", export.Text);
        Assert.Contains("self.add_module(\"block-1\", nn.Linear(4, 4))", export.Text);
        Assert.Contains("self.add_module(\"training\", nn.Linear(4, 4))", export.Text);
        Assert.Contains("self.add_module(\"3\", nn.Linear(4, 2))", export.Text);
        Assert.Contains("getattr(self, \"class\")(", export.Text);
    }

    [Fact]
    public void Outputs_that_exist_only_while_training_are_none_in_evaluation()
    {
        var export = Export("""
            network Heads(classes = 10) {
              input [8]
              hidden: linear(16)
              relu
              a = head: linear(classes)
              x = out: linear(classes)
              output logits: x, aux: a if training
            }
            """);
        Assert.True(export.Succeeded, string.Join("\n", export.Errors) + string.Join("\n", export.Diagnostics));
        Assert.Contains("if self.training else None", export.Text);
        Assert.Contains("a = self.head(x2) if self.training else None", export.Text);
        Assert.Contains("return (x, a)", export.Text);
    }

    [Fact]
    public void Every_catalog_op_writes_its_own_python()
    {
        // An op without an emission is an error naming the layer (never a guess): each catalog entry overrides the
        // catalog's default, which writes nothing.
        foreach (var op in OpCatalog.All)
        {
            var method = op.GetType().GetMethod(nameof(OpDefinition.EmitPyTorch))!;
            Assert.True(method.DeclaringType != typeof(OpDefinition), $"op '{op.Name}' has no PyTorch emission");
        }
        var unknown = new ElementwiseOp("softplus", "not in the catalog", "nn.Softplus()");
        Assert.Null(unknown.EmitPyTorch(new PyTorchCall(new OpArguments(unknown, Array.Empty<Semantics.ScalarValue?>()), new[] { new Shape(4L) }, new Shape(4L), new List<string>())));
    }
}
