using System;

namespace NetDsl;

// Merges of several values (add, mul, concat), arithmetic with numbers, and the rule that ops which compute need floats.
public static partial class ShapeRules
{
    /// <summary>
    /// <c>add</c> and <c>mul</c>: shapes that broadcast as NumPy's do on sample shapes (aligned at the last axis, each
    /// pair of sizes equal or one of them 1). <c>mul</c> also lets a vector <c>[C]</c> scale the channels of a map
    /// <c>[C, H, W]</c> (squeeze-and-excitation as Keras writes it); that reading comes first.
    /// </summary>
    public static ShapeResult Merge(Shape[] inputs, bool broadcastChannels, string op, string path)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].IsIds) return IdsError(op, path, inputs[i], inputs.Length > 1 ? $"input {i + 1} is" : "receives");
        }
        var result = inputs[0];
        for (var i = 1; i < inputs.Length; i++)
        {
            var other = inputs[i];
            if (other == result) continue;
            if (broadcastChannels && result.Rank + other.Rank == 4 && result.Rank * other.Rank == 3 && result.SameAxis(0, other, 0))
            {
                if (other.Rank == 3) result = other;
                continue;
            }
            if (Broadcast(result, other) is { } broadcast)
            {
                result = broadcast;
                continue;
            }
            return MergeError(inputs[0], other, i, broadcastChannels, op, path);
        }
        return result;
    }

    /// <summary>
    /// <c>concat</c>: joins values along axis <paramref name="axis"/> (by default 0: the channels of maps, the features
    /// of vectors); every other axis must match.
    /// </summary>
    public static ShapeResult Concat(Shape[] inputs, string op, string path) => Concat(inputs, 0, op, path);

    public static ShapeResult Concat(Shape[] inputs, long axis, string op, string path)
    {
        var first = inputs[0];
        if (!TryAxis(axis, first.Rank, out var joined)) return AxisError(op, path, "dim", axis, first);
        long total = 0;
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var other = inputs[i];
                if (!Joinable(first, other, joined))
                {
                    // The message of the image networks' concat (channels of maps), else the general one.
                    return joined == 0 && first.Rank is 1 or 3 && first.Elements == other.Elements
                        ? new ShapeError("ND0202",
                            $"{op} joins channels, so every input needs the same height and width at '{path}': input 1 is {first}, input {i + 1} is {other}; match strides and padding of the branches")
                        : new ShapeError("ND0202",
                            $"{op} joins axis {joined}, so every input needs the same other axes{(first.Elements != other.Elements ? " and the same elements (floats or token ids)" : "")} at '{path}': input 1 is {first}, input {i + 1} is {other}");
                }
                if (Fixed(other, joined, op, path, "the joined axis adds up the inputs' sizes") is { } symbolic) return symbolic;
                total = checked(total + other[joined]);
            }
        }
        catch (OverflowException)
        {
            return Overflow(op, path, first);
        }
        return Replace(first, joined, total);
    }

    /// <summary><c>x * 0.5</c>, <c>x + 3</c>, ...: arithmetic with a number keeps the shape; it computes, so it needs floats.</summary>
    public static ShapeResult Arithmetic(Shape input, string op, string path) => input.IsIds ? IdsError(op, path, input, "receives") : input;

    /// <summary>Ops that compute (every op but the structural ones) take floats: token ids go through an embedding first.</summary>
    public static ShapeError? Floats(Shape input, string op, string path) => input.IsIds ? IdsError(op, path, input, "receives") : null;

    private static ShapeError IdsError(string op, string path, Shape input, string receives) =>
        new("ND0215", $"{op} at '{path}' computes with floats but {receives} token ids {input}; ids only pass through structural ops (reshape, permute, slices, ...) until an embedding looks them up");

    /// <summary>Whether <paramref name="other"/> can join <paramref name="first"/> along <paramref name="axis"/>: same rank, kind and other axes.</summary>
    private static bool Joinable(Shape first, Shape other, int axis)
    {
        if (other.Rank != first.Rank || other.Elements != first.Elements) return false;
        for (var i = 0; i < first.Rank; i++)
        {
            if (i != axis && !first.SameAxis(i, other, i)) return false;
        }
        return true;
    }

    /// <summary>NumPy's broadcast of two sample shapes, or null when some pair of aligned sizes is neither equal nor 1.</summary>
    private static Shape? Broadcast(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new long[rank];
        var symbols = a.HasSymbols || b.HasSymbols ? new string?[rank] : null;
        for (var i = 1; i <= rank; i++)
        {
            var (x, y) = (a.Rank - i, b.Rank - i);
            var from = x < 0 ? (Shape: b, Axis: y)
                : y < 0 ? (Shape: a, Axis: x)
                : a.SameAxis(x, b, y) || IsOne(b, y) ? (Shape: a, Axis: x)
                : IsOne(a, x) ? (Shape: b, Axis: y)
                : (Shape: default(Shape), Axis: -1);
            if (from.Axis < 0) return null;
            dims[rank - i] = from.Shape[from.Axis];
            if (symbols is not null) symbols[rank - i] = from.Shape.Symbol(from.Axis);
        }
        return Shape.Of(dims, symbols, ElementKind.Float);
    }

    private static bool IsOne(Shape shape, int axis) => shape[axis] == 1 && !shape.IsSymbolic(axis);

    /// <summary>
    /// Two shapes that do not merge. Equal ranks without a size of 1 are shapes meant to be equal (the classic residual
    /// mistakes, with their fixes); other pairs are a broadcast that does not work, and the message says what one needs.
    /// </summary>
    private static ShapeError MergeError(Shape first, Shape other, int index, bool broadcastChannels, string op, string path)
    {
        var broadcasting = first.Rank != other.Rank || HasOne(first) || HasOne(other);
        if (!broadcasting)
        {
            var hint = first.Rank == 3 && first[0] != other[0]
                ? "; project one side with a 1x1 conv to match the channels"
                : first.Rank == 3 ? "; match the strides of both paths" : "";
            return new ShapeError("ND0201",
                $"{op} needs equal shapes{(broadcastChannels ? " (or [C] with [C, H, W])" : "")} at '{path}': input 1 is {first}, input {index + 1} is {other}{hint}{LearnedHint(first, other, index)}");
        }
        var (x, y) = (first.Rank - 1, other.Rank - 1);
        while (x >= 0 && y >= 0 && (first.SameAxis(x, other, y) || IsOne(first, x) || IsOne(other, y)))
        {
            x--;
            y--;
        }
        var clash = x >= 0 && y >= 0 ? $"{first.AxisText(x)} meets {other.AxisText(y)} (axis {x} of input 1, axis {y} of input {index + 1})" : "";
        return new ShapeError("ND0201",
            $"{op} cannot broadcast its inputs at '{path}': input 1 is {first}, input {index + 1} is {other}; broadcasting aligns them at their last axis and needs each pair of sizes equal or one of them 1, but {clash}{(broadcastChannels ? "; a vector [C] scales a map [C, H, W] only when C is the same" : "")}{LearnedHint(first, other, index)}");
    }

    private static bool HasOne(Shape shape)
    {
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            if (IsOne(shape, axis)) return true;
        }
        return false;
    }
}
