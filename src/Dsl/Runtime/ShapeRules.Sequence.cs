using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetDsl;

// Normalisation, token embeddings, positions, attention, learned tensors and shared weights (the ops of sequence models).
public static partial class ShapeRules
{
    /// <summary>
    /// <c>layer_norm(shape)</c>, nn.LayerNorm: normalises the last axes of its input, those of <paramref name="shape"/> when it
    /// is given (checked against the input), else the last axis. The shape is kept.
    /// </summary>
    /// <param name="shape">The normalised shape as declared, or null for the last axis whatever its size.</param>
    public static ShapeResult LayerNorm(Shape input, long[]? shape, string op, string path)
    {
        var count = shape?.Length ?? 1;
        if (count == 0) return Invalid(op, path, "needs at least one normalised axis");
        if (input.IsMap && shape is null)
        {
            return new ShapeError("ND0220",
                $"{op} at '{path}' normalises the last axis of its input {input}, the width of a map [C, H, W]; to normalise each pixel's channels use layer_norm2d (torchvision's LayerNorm2d) or permute(1, 2, 0) first, to normalise the whole map give its shape: {op}(({input[0]}, {input[1]}, {input[2]}))");
        }
        if (count > input.Rank)
        {
            return new ShapeError("ND0220",
                $"{op} at '{path}' normalises the last {count} axes, {new Shape(shape!)}, but its input {input} has {(input.Rank == 1 ? "1 axis" : $"{input.Rank} axes")}; give as many sizes as the axes to normalise");
        }
        var first = input.Rank - count;
        for (var axis = first; axis < input.Rank; axis++)
        {
            if (Fixed(input, axis, op, path, "its weight and bias have one entry per element of the normalised axes") is { } symbolic) return symbolic;
        }
        if (shape is null) return input;
        for (var i = 0; i < count; i++)
        {
            if (shape[i] < 1) return Invalid(op, path, $"needs normalised sizes of at least 1, got {new Shape(shape)}");
        }
        for (var i = 0; i < count; i++)
        {
            if (shape[i] == input[first + i]) continue;
            var trailing = new long[count];
            for (var j = 0; j < count; j++) trailing[j] = input[first + j];
            return new ShapeError("ND0220",
                $"{op} at '{path}' normalises {new Shape(shape)} but its input {input} ends with {new Shape(trailing)}; write {op}({(count == 1 ? Text(trailing[0]) : new Shape(trailing).ToString().Replace('[', '(').Replace(']', ')'))}), or leave the shape out to normalise the last axis whatever its size");
        }
        return input;
    }

    /// <summary>
    /// <c>layer_norm2d</c>, torchvision's LayerNorm2d (ConvNeXt): normalises the channel vector of each pixel of a map
    /// <c>[C, H, W]</c>; <paramref name="channels"/>, when given (&gt;= 0), is checked against C.
    /// </summary>
    public static ShapeResult LayerNorm2d(Shape input, long channels, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (channels >= 0 && channels != input.Channels)
        {
            return new ShapeError("ND0220",
                $"{op} at '{path}' normalises {channels} channels but its input {input} has {input.Channels}; write {op}({input.Channels}), or leave the channels out (they are inferred)");
        }
        return input;
    }

    /// <summary>
    /// <c>embedding(count, dim)</c>, nn.Embedding: looks up a row of <paramref name="dim"/> features for each token id,
    /// <c>[...]</c> to <c>[..., dim]</c>. Ids known to be positions must each have a row (a position embedding at least as
    /// long as the sequence).
    /// </summary>
    public static ShapeResult Embedding(Shape input, long count, long dim, string op, string path)
    {
        if (!input.IsIds)
        {
            return new ShapeError("ND0226",
                $"{op} at '{path}' looks up token ids but receives floats {input}; declare the network's input as ids, input tokens [t <= context], or look up positions, x.positions(0)");
        }
        if (count < 1) return Invalid(op, path, $"needs at least 1 row, got {count}");
        if (dim < 1) return Invalid(op, path, $"needs at least 1 feature per row, got {dim}");
        if (input.IdLimit > count)
        {
            var symbol = input.Rank == 1 ? input.Symbol(0) : null;
            var positions = symbol is null ? $"{input.IdLimit} positions (0 to {input.IdLimit - 1})" : $"the positions of {symbol}, 0 to {input.IdLimit - 1} (its bound is {input.IdLimit})";
            return new ShapeError("ND0223",
                $"{op} at '{path}' has {count} rows but looks up {positions}: a position embedding shorter than the sequence; give it {input.IdLimit} rows{(symbol is null ? "" : $", or bound {symbol} by {count}")}");
        }
        var dims = new long[input.Rank + 1];
        var symbols = input.HasSymbols ? new string?[dims.Length] : null;
        for (var axis = 0; axis < input.Rank; axis++)
        {
            dims[axis] = input[axis];
            if (symbols is not null) symbols[axis] = input.Symbol(axis);
        }
        dims[input.Rank] = dim;
        try
        {
            var output = Shape.Of(dims, symbols, ElementKind.Float, axesMoved: true);
            _ = output.ElementCount;
            return output;
        }
        catch (OverflowException)
        {
            return Overflow(op, path, input);
        }
    }

    /// <summary>
    /// <c>x.positions(dim)</c>: the positions 0, 1, ... of an axis, as token ids <c>[n]</c> (nanoGPT's <c>arange(t)</c>); a
    /// symbolic axis keeps its name, and the ids are known to be below its bound.
    /// </summary>
    public static ShapeResult Positions(Shape input, long dim, string op, string path)
    {
        if (!TryAxis(dim, input.Rank, out var axis)) return AxisError(op, path, "dim", dim, input);
        var symbols = input.Symbol(axis) is { } symbol ? new string?[] { symbol } : null;
        return Shape.Of(new[] { input[axis] }, symbols, ElementKind.Id, axesMoved: true).WithIdLimit(input[axis]);
    }

    /// <summary>
    /// Multi-head attention: self-attention on <c>[t, d]</c>, or cross-attention of queries <c>[t, d]</c> on a memory
    /// <c>[s, k]</c>; the output is <c>[t, d]</c>. The heads split the width evenly; a causal mask needs as many keys as queries.
    /// </summary>
    /// <param name="inputs">The queries (and keys and values), or the queries and the memory.</param>
    public static ShapeResult Attention(Shape[] inputs, long heads, double dropout, bool causal, string op, string path)
    {
        if (Dropout(inputs[0], dropout, op, path) is { Error: { } probability }) return probability;
        for (var i = 0; i < inputs.Length; i++)
        {
            var value = inputs[i];
            if (value.Rank == 2) continue;
            var which = inputs.Length == 1 ? "its input" : i == 0 ? "its queries (input 1)" : "its memory (input 2)";
            var fix = value.IsMap
                ? $"; make the map's pixels tokens first: .flatten(1).permute(1, 0) gives [{value[1] * value[2]}, {value[0]}]"
                : value.Rank > 2 ? "; reshape it to [tokens, features] first" : "; a single vector is one token: reshape(1, -1)";
            return new ShapeError("ND0224", $"{op} at '{path}' attends over a sequence [tokens, features], but {which} is {value}{fix}");
        }
        var query = inputs[0];
        if (Fixed(query, 1, op, path, "the width is split into heads and projected") is { } symbolic) return symbolic;
        if (inputs.Length > 1 && Fixed(inputs[1], 1, op, path, "the memory's width is projected to keys and values") is { } memorySymbolic) return memorySymbolic;
        if (heads < 1) return Invalid(op, path, $"needs at least 1 head, got {heads}");
        var width = query[1];
        if (width % heads != 0)
        {
            return new ShapeError("ND0221",
                $"{op} at '{path}' with {heads} heads needs a width divisible by {heads}, but its input {query} has {width} features; use a width of {Widths(width, heads)}, or {Heads(width, heads)}");
        }
        if (causal && inputs.Length > 1 && !query.SameAxis(0, inputs[1], 0))
        {
            return new ShapeError("ND0222",
                $"{op} at '{path}' has a causal mask, which needs a key for every query, but attends from {query.AxisText(0)} queries ({query}) to {inputs[1].AxisText(0)} keys ({inputs[1]}); a causal mask is for self-attention: remove causal: true, or attend to a memory of the same length");
        }
        return Shape.Of(query.ToArray(), query.Symbols(), ElementKind.Float, query.AxesMoved);
    }

    /// <summary>
    /// A learned tensor declared in a scope (<c>parameter(...)</c>, <c>buffer(...)</c>): its stored sizes, as PyTorch
    /// stores them; with <paramref name="batchAxis"/> the first is PyTorch's batch axis of 1 (ViT's class token
    /// <c>[1, 1, 768]</c>) and the value's sample shape is the rest (<c>[1, 768]</c>), else the sample shape is the stored one.
    /// </summary>
    public static ShapeResult LearnedTensor(long[] stored, bool batchAxis, string op, string path)
    {
        if (stored.Length == 0) return Invalid(op, path, "needs its sizes, e.g. parameter(1, 197, 768)");
        foreach (var size in stored)
        {
            if (size < 1) return Invalid(op, path, $"needs sizes of at least 1, got {new Shape(stored)}");
        }
        if (batchAxis && (stored.Length < 2 || stored[0] != 1))
        {
            return Invalid(op, path, stored.Length < 2
                ? $"has batch_axis: true but only one size, {new Shape(stored)}; the batch axis of 1 comes before the sample's sizes, e.g. (1, 197, 768)"
                : $"has batch_axis: true, so its first size is PyTorch's batch axis of 1, but that size is {stored[0]} in {new Shape(stored)}; write 1 first, or drop batch_axis");
        }
        try
        {
            _ = new Shape(stored).ElementCount;
        }
        catch (OverflowException)
        {
            return new ShapeError("ND0211", $"{op} at '{path}' holds {new Shape(stored)}, more than 2^63 elements; check its sizes");
        }
        var sample = new long[batchAxis ? stored.Length - 1 : stored.Length];
        Array.Copy(stored, batchAxis ? 1 : 0, sample, 0, sample.Length);
        return Shape.Of(sample, null, ElementKind.Float).WithLearned(path);
    }

    /// <summary>
    /// A layer that uses a parameter of an earlier layer as its own (tied weights, nanoGPT's
    /// <c>lm_head.weight</c> = <c>transformer.wte.weight</c>): that parameter must exist and have this layer's shape for it.
    /// </summary>
    /// <param name="own">The shape the layer's own parameter would have.</param>
    /// <param name="lent">The shape of the parameter it names, or null when no earlier layer of the scope has it.</param>
    /// <param name="reference">The parameter's path as written, relative to the scope.</param>
    /// <param name="lentFrom">When the named layer itself takes that parameter from another: the path it names.</param>
    public static ShapeError? Tied(long[] own, long[]? lent, string reference, string key, string op, string path, string? lentFrom = null)
    {
        if (lentFrom is not null)
        {
            return new ShapeError("ND0225",
                $"{op} at '{path}' takes its {key} from '{reference}', which is itself taken from '{lentFrom}'; name the layer that owns it, '{lentFrom}'");
        }
        if (lent is null)
        {
            return new ShapeError("ND0225",
                $"{op} at '{path}' takes its {key} from '{reference}', but no earlier layer of its scope has that parameter; name the parameter of a layer declared before this one in the same network, block or group, e.g. transformer.wte.weight");
        }
        if (new Shape(lent) == new Shape(own)) return null;
        return new ShapeError("ND0225",
            $"{op} at '{path}' takes its {key} from '{reference}', which is {new Shape(lent)}, but its {key} is {new Shape(own)}; tie layers whose {key}s have the same shape (an output layer over the vocabulary and the token embedding: linear(vocab, bias: false) and embedding(vocab, width))");
    }

    /// <summary>
    /// The sentence a broadcasting error adds when one input is a learned tensor shorter than the other along an axis
    /// (ViT's position embedding added to more tokens than it has positions), or an empty string.
    /// </summary>
    private static string LearnedHint(Shape first, Shape other, int index)
    {
        var (learned, value, valueInput) = first.Learned is not null ? (first, other, index + 1) : other.Learned is not null ? (other, first, 1) : (default(Shape), default(Shape), 0);
        if (valueInput == 0) return "";
        for (int x = learned.Rank - 1, y = value.Rank - 1; x >= 0 && y >= 0; x--, y--)
        {
            if (learned[x] >= value[y] || IsOne(learned, x)) continue;
            var size = value.Symbol(y) is { } symbol ? $"up to {value[y]} ({symbol})" : Text(value[y]);
            return $"; '{learned.Learned}' is a learned tensor of {learned[x]} along its axis {x} where input {valueInput} has {size}: a position embedding needs one entry per position, so declare it with {value[y]}";
        }
        return "";
    }

    /// <summary>Widths near <paramref name="width"/> that <paramref name="heads"/> divides, for a message.</summary>
    private static string Widths(long width, long heads)
    {
        var below = width - width % heads;
        var above = below + heads;
        return below > 0 ? $"{Text(below)} or {Text(above)}" : Text(above);
    }

    /// <summary>Head counts near <paramref name="heads"/> that divide <paramref name="width"/> (searched a bounded distance), for a message.</summary>
    private static string Heads(long width, long heads)
    {
        const long Search = 10_000;
        long below = 0, above = 0;
        for (var h = Math.Min(heads - 1, width); h >= 1 && h >= heads - Search && below == 0; h--)
        {
            if (width % h == 0) below = h;
        }
        for (var h = heads + 1; h <= width && h <= heads + Search && above == 0; h++)
        {
            if (width % h == 0) above = h;
        }
        if (below == 0 && above == 0) below = 1;
        var options = new List<string>();
        if (below > 0) options.Add(Text(below));
        if (above > 0) options.Add(Text(above));
        return string.Join(" or ", options) + " heads";
    }
}
