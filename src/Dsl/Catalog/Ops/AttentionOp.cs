using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// Multi-head scaled dot-product attention over a sequence <c>[t, d]</c>, in one of two state_dict layouts:
/// <c>attention(heads, dropout: 0.0, bias: true, causal: false)</c> is nn.MultiheadAttention (<c>in_proj_weight</c>,
/// <c>in_proj_bias</c>, <c>out_proj.weight</c>, <c>out_proj.bias</c>; self-attention on a sequence, or cross-attention of
/// queries on a memory, <c>(q, memory) |&gt; attention(8)</c>); <c>gpt_attention(heads, dropout: 0.0, bias: true, causal: true)</c>
/// is nanoGPT's CausalSelfAttention (<c>c_attn.weight/bias</c>, <c>c_proj.weight/bias</c>; dropout on the attention weights
/// and on the output).
/// </summary>
public sealed partial class AttentionOp : OpDefinition
{
    private readonly bool _gpt;

    /// <param name="gpt">nanoGPT's layout and dropouts (causal by default), else nn.MultiheadAttention's.</param>
    public AttentionOp(bool gpt)
    {
        _gpt = gpt;
        MaxInputs = gpt ? 1 : 2;
        Arguments = new[] { Args.Int("heads"), Args.Float("dropout", 0.0), Args.Bool("bias", true), Args.Bool("causal", gpt) };
    }

    public override string Name => _gpt ? "gpt_attention" : "attention";

    public override string Summary => _gpt
        ? "nanoGPT's causal self-attention: c_attn (q, k, v) and c_proj, dropout on the attention weights and the output"
        : "multi-head attention (nn.MultiheadAttention, batch first): self-attention on [t, d], or (queries, memory); in_proj_weight, in_proj_bias, out_proj";

    public override IReadOnlyList<ArgSpec> Arguments { get; }

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => Infer(a, new[] { input }, path);

    public override ShapeResult Infer(OpArguments a, Shape[] inputs, string path) =>
        ShapeRules.Attention(inputs, a.Int("heads"), a.Float("dropout"), a.Bool("causal"), Name, path);

    /// <summary>Projections of queries, keys and values (from the memory's width in cross-attention), and the output projection.</summary>
    public override ParameterCount CountParameters(OpArguments a, Shape[] inputs, Shape output)
    {
        var width = output.Features;
        var memory = inputs[inputs.Length - 1].Features;
        var weights = checked(width * width + 2 * width * memory + width * width);
        return new ParameterCount(checked(weights + (a.Bool("bias") ? 4 * width : 0)), 0);
    }

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) => CountParameters(a, new[] { input }, output);

    /// <summary>
    /// The projections (queries and output on the t query tokens, keys and values on the s memory tokens), and the two
    /// matrix products of every head: scores q·kᵀ and weights·v, t x s x width each. A causal mask hides half the scores
    /// but PyTorch computes them all, and so does this count.
    /// </summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape[] inputs, Shape output)
    {
        var width = output.Features;
        var queries = checked(output.ElementCount / width);
        var memory = inputs[inputs.Length - 1];
        var keys = checked(memory.ElementCount / memory.Features);
        var projections = checked(2 * queries * width * width + 2 * keys * memory.Features * width);
        return checked(projections + 2 * queries * keys * width);
    }

    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output) => CountMultiplyAccumulates(a, new[] { input }, output);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => (_gpt, a.Bool("bias")) switch
    {
        (true, true) => new[] { "c_attn.weight", "c_attn.bias", "c_proj.weight", "c_proj.bias" },
        (true, false) => new[] { "c_attn.weight", "c_proj.weight" },
        (false, true) => new[] { "in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" },
        _ => new[] { "in_proj_weight", "out_proj.weight" },
    };

    /// <summary>Cross-attention to a memory of another width projects it with weights of their own, as PyTorch's MultiheadAttention(kdim, vdim).</summary>
    public override IReadOnlyList<string> StateKeys(OpArguments a, Shape[] inputs) =>
        !_gpt && inputs.Length == 2 && inputs[1].Features != inputs[0].Features
            ? (a.Bool("bias") ? new[] { "q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" } : new[] { "q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight" })
            : StateKeys(a);

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Attention(new[] {{ {string.Join(", ", c.Inputs)} }}, {c["heads"]}, {c["dropout"]}, {c["causal"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => _gpt
        ? $"NetDslLayers.GptAttention({c.Input}.Features, {c["heads"]}, {c["dropout"]}, {c["bias"]}, {c["causal"]})"
        : c.Inputs.Length == 1
            ? $"NetDslLayers.Attention({c.Input}.Features, {c["heads"]}, {c["dropout"]}, {c["bias"]}, {c["causal"]})"
            : $"NetDslLayers.CrossAttention({c.Input}.Features, {c.Inputs[1]}.Features, {c["heads"]}, {c["dropout"]}, {c["bias"]}, {c["causal"]})";
}
