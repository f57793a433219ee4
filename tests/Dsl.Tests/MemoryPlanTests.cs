using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Each rule of the memory plan (src/Dsl/Semantics/MemoryPlan.cs), seen in the forward it writes: what runs in place,
/// what is released and what never is. tests/Runtime.Tests/Memory/ReuseTests run the same rules and compare outputs and
/// gradients with the out-of-place code.
/// </summary>
public sealed class MemoryPlanTests
{
    private static string Forward(string source, string file)
    {
        var result = TestCompiler.Compile(source);
        result.AssertNoDiagnostics();
        var text = result.Source(file);
        var start = text.IndexOf("public override Tensor forward(", System.StringComparison.Ordinal);
        return text.Substring(start, text.IndexOf("\n    }", start, System.StringComparison.Ordinal) - start);
    }

    private static string Class(string source, string file)
    {
        var result = TestCompiler.Compile(source);
        result.AssertNoDiagnostics();
        return result.Source(file);
    }

    [Fact]
    public void Relu_after_batch_norm_runs_in_place_and_the_batch_norm_result_is_released()
    {
        var code = Class("block B = conv(4, 3, padding: 1) |> bn |> relu", "B.g.cs");
        Assert.Contains("_2 = nn.ReLU(inplace: true);", code);
        Assert.Contains("""
                    var x3 = _2.call(x2);
                    x2.Dispose();
            """.Replace("            ", ""), code);
    }

    [Fact]
    public void A_block_input_is_never_overwritten_nor_released()
    {
        var code = Class("block B = relu |> conv(4, 1)", "B.g.cs");
        Assert.Contains("_0 = nn.ReLU();", code);
        Assert.DoesNotContain("input.Dispose()", code);
    }

    [Fact]
    public void A_value_read_again_later_is_not_overwritten()
    {
        var code = Class("block B { x = input |> conv(4, 1) |> bn\n concat(x |> relu, x) }", "B.g.cs");
        Assert.Contains("nn.ReLU();", code);
        Assert.DoesNotContain("inplace: true", code);
    }

    [Fact]
    public void A_result_kept_for_backward_is_not_overwritten()
    {
        // sigmoid keeps its result, so the relu and the arithmetic after it leave it as it is; relu keeps its result too.
        const string Source = "block B { s = input |> conv(4, 1) |> sigmoid\n r = s |> relu\n r * 2 }";
        var code = Class(Source, "B.g.cs");
        Assert.Contains("nn.Sigmoid(inplace: true);", code);
        Assert.Contains("nn.ReLU();", code);
        Assert.Contains("var x4 = x3 * 2;", Forward(Source, "B.g.cs"));
    }

    [Fact]
    public void An_input_kept_by_an_earlier_reader_is_not_overwritten()
    {
        // mul keeps both inputs for its backward, so the relu that reads x after it must leave x as it is.
        var code = Class("block B { x = input |> conv(4, 1) |> bn\n s = x * input\n concat(s, x |> relu) }", "B.g.cs");
        Assert.Contains("nn.ReLU();", code);
        Assert.DoesNotContain("inplace: true", code);
    }

    [Fact]
    public void A_view_of_a_value_still_read_is_not_overwritten()
    {
        var code = Class("network N {\n input [16]\n x = input |> linear(16)\n y = x.reshape(4, 4) |> relu |> .reshape(16)\n x + y\n}", "N.g.cs");
        Assert.Contains("nn.ReLU();", code);
        Assert.DoesNotContain("inplace: true", code);
    }

    [Fact]
    public void A_residual_sum_is_written_into_the_new_value_never_into_the_input()
    {
        var forward = Forward("block B = input + (input |> conv(4, 3, padding: 1) |> bn)", "B.g.cs");
        Assert.Contains("var x3 = NetDslLayers.AddInPlace(x2, input);", forward);
        Assert.DoesNotContain("AddInPlace(input", forward);
    }

    [Fact]
    public void A_transformer_block_adds_its_residuals_into_new_values_and_releases_the_norms_and_the_attention()
    {
        // layer_norm and the attentions keep their input for the backward and return new memory: the attention's result
        // takes the residual in place, and each norm's result is released once its reader has run.
        const string Gpt = "block B { x = input + (input |> ln_1: layer_norm |> attn: gpt_attention(2))\n x + (x |> ln_2: layer_norm |> fc: linear(8)) }";
        Assert.Contains("""
                    var x1 = ln_1.call(input);
                    var x2 = attn.call(x1);
                    x1.Dispose();
                    var x3 = NetDslLayers.AddInPlace(x2, input);
                    var x4 = ln_2.call(x3);
                    var x5 = fc.call(x4);
                    x4.Dispose();
                    var x6 = NetDslLayers.AddInPlace(x5, x3);
                    x3.Dispose();
            """.Replace("            ", ""), Forward(Gpt, "B.g.cs"));
        Assert.Contains("var x3 = NetDslLayers.AddInPlace(x2, input);", Forward("block B = input + (input |> layer_norm |> attention(2))", "B.g.cs"));
    }

    [Fact]
    public void Token_and_position_embeddings_are_summed_into_the_token_embedding()
    {
        // The positions stay out of the plan (a row expanded to the batch may not be written); the embeddings' results are new.
        var forward = Forward("network N {\n input tokens [t <= 8]\n tok = input |> wte: embedding(10, 8)\n pos = input.positions(0) |> wpe: embedding(8, 8)\n tok + pos\n}", "N.g.cs");
        Assert.Contains("NetDslLayers.AddInPlace(x1, x3)", forward);
        Assert.Contains("x3.Dispose();", forward);
        Assert.DoesNotContain("x2.Dispose();", forward);
    }

    [Fact]
    public void Arithmetic_with_a_number_runs_in_place_on_a_new_value_only()
    {
        Assert.Contains("var x2 = x1.mul_(0.5);", Forward("block B { x = input |> conv(4, 1)\n x * 0.5 }", "B.g.cs"));
        Assert.Contains("var x2 = x1.add_(3);", Forward("block B { x = input |> conv(4, 1)\n 3 + x }", "B.g.cs"));
        Assert.Contains("var x1 = input * 0.5;", Forward("block B = input * 0.5", "B.g.cs"));
        // 1 - x has no in-place form.
        Assert.Contains("var x2 = 1 - x1;", Forward("block B { x = input |> conv(4, 1)\n 1 - x }", "B.g.cs"));
    }

    [Fact]
    public void Neither_the_input_nor_the_returned_value_is_released()
    {
        var forward = Forward("block B = conv(4, 1) |> bn |> relu |> conv(4, 1)", "B.g.cs");
        Assert.DoesNotContain("input.Dispose()", forward);
        Assert.DoesNotContain("x4.Dispose()", forward);
        Assert.Contains("return x4;", forward);
        Assert.Equal(3, forward.Split("Dispose()").Length - 1);
    }

    [Fact]
    public void A_skipped_layer_passes_a_new_handle_so_releasing_it_never_releases_the_input()
    {
        var forward = Forward("block B(on = false) = relu if on |> conv(4, 1)", "B.g.cs");
        Assert.Contains("is null ? input.alias() :", forward);
        Assert.Contains("x1.Dispose();", forward);
    }

    [Fact]
    public void Of_a_select_the_value_not_chosen_is_released()
    {
        var forward = Forward("block B(wide = false) { a = input |> conv(4, 1)\n b = input |> conv(4, 3, padding: 1)\n a if wide else b }", "B.g.cs");
        Assert.Contains("var x3 = _when3 ? x1 : x2;", forward);
        Assert.Contains("(_when3 ? x2 : x1).Dispose();", forward);
    }

    [Fact]
    public void A_block_that_keeps_its_result_for_backward_is_not_overwritten_by_its_caller()
    {
        // R ends in relu, which keeps its result: the caller's add writes into neither R's result nor the input.
        var code = Class("block R = conv(4, 1) |> relu\nblock B = input + R", "B.g.cs");
        Assert.Contains("NetDslLayers.Add(input, x1)", code);
        var bn = Class("block R = conv(4, 1) |> bn\nblock B = input + R", "B.g.cs");
        Assert.Contains("NetDslLayers.AddInPlace(x1, input)", bn);
    }

    [Fact]
    public void Without_ReuseMemory_every_op_is_out_of_place_and_nothing_is_released()
    {
        var output = DslCompiler.Compile(new[] { new DslSource("m.net", "block B(on = false) { x = input |> relu if on |> conv(4, 1) |> bn |> relu\n x + 1 }") },
            new CompileOptions("T", ReuseMemory: false));
        var code = output.Sources.Single(s => s.HintName == "B.g.cs").Text;
        Assert.DoesNotContain("inplace: true", code);
        Assert.DoesNotContain("Dispose()", code);
        Assert.DoesNotContain("alias()", code);
        Assert.DoesNotContain("add_", code);
    }

    [Fact]
    public void A_long_chain_of_conditional_layers_gives_up_the_plan_quickly_and_stays_out_of_place()
    {
        // Each conditional dropout may pass its input on, so every value may share the memory of all before it: past
        // MaxSharing the plan gives up for the scope rather than growing its sets (which once made it cubic).
        var scope = new Semantics.Scope("B", Semantics.ScopeKind.Block, new Syntax.SourceText("b.net", ""), parent: null);
        var input = scope.NewValue(Semantics.ValueKind.Tensor, "input", default);
        scope.Inputs.Add(input);
        var relu = new Semantics.LayerCall(Catalog.OpCatalog.Find("relu"), null, null, System.Array.Empty<(string, Semantics.Scalar)>(), "relu", default, default);
        var dropout = new Semantics.LayerCall(Catalog.OpCatalog.Find("dropout"), null, null, System.Array.Empty<(string, Semantics.Scalar)>(), "dropout", default, default);
        var keep = new Semantics.ConstantScalar(Semantics.ScalarValue.OfBool(true), default);
        var x = input;
        var scaled = scope.NewValue(Semantics.ValueKind.Tensor, null, default);
        scope.Instructions.Add(new Semantics.ArithmeticInstruction(scaled, Syntax.BinaryOperator.Multiply, x, new Semantics.ConstantScalar(Semantics.ScalarValue.OfFloat(2), default), false, "mul", "x * 2", null, default));
        x = scaled;
        var rectified = scope.NewValue(Semantics.ValueKind.Tensor, null, default);
        scope.Instructions.Add(new Semantics.ApplyInstruction(rectified, relu, new[] { x }, null, default, null, null, default));
        x = rectified;
        for (var i = 0; i < 20_000; i++)
        {
            var next = scope.NewValue(Semantics.ValueKind.Tensor, null, default);
            scope.Instructions.Add(new Semantics.ApplyInstruction(next, dropout, new[] { x }, null, default, keep, null, default));
            x = next;
        }
        scope.Output = x;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = Semantics.MemoryPlan.Of(scope);
        clock.Stop();

        Assert.True(clock.Elapsed < System.TimeSpan.FromSeconds(1), $"planning took {clock.Elapsed}");
        Assert.True(plan.GaveUp);
        Assert.All(Enumerable.Range(0, scope.Instructions.Count), k =>
        {
            Assert.Equal(-1, plan.Overwritten(k));
            Assert.Empty(plan.ReleasedAfter(k));
        });
        Assert.True(plan.Effects.SavesInput[0] && plan.Effects.SavesOutput && plan.Effects.OutputMayBeInput[0]);
    }

    [Fact]
    public void A_short_chain_of_conditional_layers_is_still_planned()
    {
        // Below the bound the same shape of code keeps its plan: the relu after the new product runs in place.
        var code = Class("block B(keep = true) = linear(4) |> relu" + string.Concat(Enumerable.Repeat(" |> dropout(0.1) if keep", 10)) + "\nnetwork N { input [4]\n B() }", "B.g.cs");
        Assert.Contains("inplace: true", code);
    }

    [Fact]
    public void A_network_of_1990_conditional_layers_is_written_out_of_place()
    {
        // 1,990: past the plan's bound of 256 sharers, within the 2,000 statements of a body (ND0121).
        var code = Class("network N(keep = true) {\n input [3, 8, 8]\n conv(4, 3, padding: 1) |> bn |> relu" + string.Concat(Enumerable.Repeat(" |> dropout(0.1) if keep", 1_990)) + "\n}", "N.g.cs");
        Assert.DoesNotContain("inplace: true", code);
        Assert.DoesNotContain(".Dispose();", code);
    }

    [Fact]
    public void A_value_an_output_needs_only_while_training_is_released_only_where_it_exists()
    {
        var code = Class("network N {\n input [8]\n x = input |> linear(8) |> relu\n a = x |> linear(4) |> relu |> linear(2)\n y = x |> linear(2)\n output main: y, aux: a if training\n}", "N.g.cs");
        // The auxiliary head's intermediates are null in evaluation: released with ?.
        Assert.Contains("?.Dispose();", code);
        Assert.DoesNotContain("!.Dispose();", code);
    }
}
