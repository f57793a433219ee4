using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class AttentionOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>
    /// Written out as the generated module computes it (evaluation mode, no dropout): the projections, heads split
    /// ([N, h, t, d/h]), softmax(q kᵀ / sqrt(d/h)) with the causal mask (top-left aligned, as PyTorch's is_causal), heads
    /// joined, the output projection. Sequence lengths stay dynamic.
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var width = c.Output.Features;
        var heads = c.Args.Int("heads");
        var bias = c.Args.Bool("bias");
        string q, k, v;
        if (_gpt || c.Inputs.Count == 1)
        {
            var weight = c.Weight(_gpt ? "c_attn.weight" : "in_proj_weight", 3 * width, width);
            var qkv = Linear(c, c.Input, weight, bias ? c.Weight(_gpt ? "c_attn.bias" : "in_proj_bias", 3 * width) : null);
            var parts = c.Node("Split", new[] { qkv, c.Graph.Int64s(new[] { width, width, width }) }, 3, OnnxAttribute.Of("axis", -1L));
            (q, k, v) = (parts[0], parts[1], parts[2]);
        }
        else
        {
            var memory = c.Inputs[1];
            var memoryWidth = c.InputShapes[1].Features;
            string[] biases = bias ? c.Node("Split", new[] { c.Weight("in_proj_bias", 3 * width), c.Graph.Int64s(new[] { width, width, width }) }, 3, OnnxAttribute.Of("axis", 0L)) : new string[3];
            string[] weights = memoryWidth == width
                ? c.Node("Split", new[] { c.Weight("in_proj_weight", 3 * width, width), c.Graph.Int64s(new[] { width, width, width }) }, 3, OnnxAttribute.Of("axis", 0L))
                : new[] { c.Weight("q_proj_weight", width, width), c.Weight("k_proj_weight", width, memoryWidth), c.Weight("v_proj_weight", width, memoryWidth) };
            q = Linear(c, c.Input, weights[0], biases[0]);
            k = Linear(c, memory, weights[1], biases[1]);
            v = Linear(c, memory, weights[2], biases[2]);
        }
        var split = c.Graph.Int64s(new[] { 0, -1, heads, width / heads });
        var perm = OnnxAttribute.Of("perm", new long[] { 0, 2, 1, 3 });
        var qh = c.Node("Transpose", new[] { c.Node("Reshape", new[] { q, split }) }, perm);
        var kt = c.Node("Transpose", new[] { c.Node("Reshape", new[] { k, split }) }, OnnxAttribute.Of("perm", new long[] { 0, 2, 3, 1 }));
        var vh = c.Node("Transpose", new[] { c.Node("Reshape", new[] { v, split }) }, perm);
        var scores = c.Node("Mul", new[] { c.Node("MatMul", new[] { qh, kt }), c.Graph.Float((float)(1 / System.Math.Sqrt(width / heads))) });
        if (c.Args.Bool("causal")) scores = Causal(c, scores);
        var weights2 = c.Node("Softmax", new[] { scores }, OnnxAttribute.Of("axis", -1L));
        var attended = c.Node("Transpose", new[] { c.Node("MatMul", new[] { weights2, vh }) }, perm);
        var joined = c.Node("Reshape", new[] { attended, c.Graph.Int64s(new[] { 0, -1, width }) });
        var outputWeight = c.Weight(_gpt ? "c_proj.weight" : "out_proj.weight", width, width);
        return OnnxOpContext.One(Linear(c, joined, outputWeight, bias ? c.Weight(_gpt ? "c_proj.bias" : "out_proj.bias", width) : null));
    }

    private static string Linear(OnnxOpContext c, string input, string weight, string? bias)
    {
        var product = c.Node("MatMul", new[] { input, c.Node("Transpose", new[] { weight }, OnnxAttribute.Of("perm", new long[] { 1, 0 })) });
        return bias is null ? product : c.Node("Add", new[] { product, bias });
    }

    /// <summary>Scores [N, h, t, m] with -inf where a key comes after its query: Trilu keeps the strict upper triangle of ones.</summary>
    private static string Causal(OnnxOpContext c, string scores)
    {
        var shape = c.Node("Shape", new[] { scores });
        var square = c.Node("Gather", new[] { shape, c.Graph.Int64s(new[] { 2L, 3L }) }, OnnxAttribute.Of("axis", 0L));
        var ones = c.Node("Expand", new[] { c.Graph.Float(1), square });
        var future = c.Node("Cast", new[] { c.Node("Trilu", new[] { ones, c.Graph.Int64s(new[] { 1L }, scalar: true) }, OnnxAttribute.Of("upper", 1L)) }, OnnxAttribute.Of("to", 9L));
        return c.Node("Where", new[] { future, c.Graph.Float(float.NegativeInfinity), scores });
    }
}
