using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetDsl;

// Structural ops: they move, merge, split or pick axes and elements, and never compute, so token ids pass through
// them. Axes count sample axes (batch excluded) from 0, negative from the last, as in docs/language.md.
public static partial class ShapeRules
{
    /// <summary><c>permute(dims...)</c>: axis i of the output is axis <c>dims[i]</c> of the input; every axis once.</summary>
    public static ShapeResult Permute(Shape input, long[] dims, string op, string path)
    {
        var rank = input.Rank;
        var order = new int[dims.Length];
        var seen = new bool[rank];
        var repeated = new List<string>();
        for (var i = 0; i < dims.Length; i++)
        {
            if (!TryAxis(dims[i], rank, out order[i])) return AxisError(op, path, "an axis", dims[i], input);
            if (seen[order[i]]) repeated.Add(Text(dims[i]));
            seen[order[i]] = true;
        }
        var missing = new List<string>();
        for (var axis = 0; axis < rank; axis++)
        {
            if (!seen[axis]) missing.Add(Text(axis));
        }
        if (dims.Length != rank || repeated.Count > 0 || missing.Count > 0)
        {
            var problems = new List<string>();
            if (repeated.Count > 0) problems.Add($"{Axes(repeated)} {(repeated.Count == 1 ? "repeats" : "repeat")}");
            if (missing.Count > 0) problems.Add($"{Axes(missing)} {(missing.Count == 1 ? "is" : "are")} missing");
            if (problems.Count == 0) problems.Add($"it lists {dims.Length} axes");
            return new ShapeError("ND0212",
                $"{op} at '{path}' orders the axes ({string.Join(", ", Array.ConvertAll(dims, Text))}) of its input {input}, but {string.Join(" and ", problems)}; list each of its {rank} axes (0 to {rank - 1}) exactly once");
        }
        return Pick(input, order);
    }

    /// <summary><c>transpose(a, b)</c>: swaps two axes.</summary>
    public static ShapeResult Transpose(Shape input, long first, long second, string op, string path)
    {
        if (!TryAxis(first, input.Rank, out var a)) return AxisError(op, path, "an axis", first, input);
        if (!TryAxis(second, input.Rank, out var b)) return AxisError(op, path, "an axis", second, input);
        var order = new int[input.Rank];
        for (var axis = 0; axis < order.Length; axis++) order[axis] = axis;
        order[a] = b;
        order[b] = a;
        return Pick(input, order);
    }

    /// <summary><c>flatten</c>: the whole sample to a vector, <c>[C, H, W]</c> to <c>[C*H*W]</c> (nn.Flatten).</summary>
    public static ShapeResult Flatten(Shape input, string op, string path) => Flatten(input, 0, -1, op, path);

    /// <summary><c>flatten(start, end)</c>: axes <paramref name="start"/> to <paramref name="end"/> (both included) become one.</summary>
    public static ShapeResult Flatten(Shape input, long start, long end, string op, string path)
    {
        if (input.Rank == 0) return Invalid(op, path, $"has nothing to flatten: its input {input} has no axes");
        if (!TryAxis(start, input.Rank, out var first)) return AxisError(op, path, "start", start, input);
        if (!TryAxis(end, input.Rank, out var last)) return AxisError(op, path, "end", end, input);
        if (first > last) return Invalid(op, path, $"flattens axes {start} to {end} of {input}, but axis {first} comes after axis {last}; give the first axis first");
        if (first < last)
        {
            for (var axis = first; axis <= last; axis++)
            {
                if (Fixed(input, axis, op, path, "flattening merges it with other axes; keep a symbolic axis out of the flattened range") is { } symbolic) return symbolic;
            }
        }
        try
        {
            long merged = 1;
            for (var axis = first; axis <= last; axis++) merged = checked(merged * input[axis]);
            var dims = new long[input.Rank - (last - first)];
            var symbols = input.HasSymbols ? new string?[dims.Length] : null;
            for (var axis = 0; axis < dims.Length; axis++)
            {
                var from = axis < first ? axis : axis == first ? -1 : axis + (last - first);
                dims[axis] = from < 0 ? merged : input[from];
                if (symbols is not null) symbols[axis] = from < 0 ? (first == last ? input.Symbol(first) : null) : input.Symbol(from);
            }
            return Shape.Of(dims, symbols, input.Elements, axesMoved: true);
        }
        catch (OverflowException)
        {
            return Overflow(op, path, input);
        }
    }

    /// <summary>
    /// <c>reshape(dims...)</c>: the same elements in a new shape of any rank. One size may be -1 (inferred); a symbolic
    /// axis passes through as that -1 when the other sizes account for every fixed axis (<c>[t, 768]</c> to <c>[t, 12, 64]</c>
    /// with <c>reshape(-1, 12, 64)</c>).
    /// </summary>
    public static ShapeResult Reshape(Shape input, long[] dims, string op, string path)
    {
        var target = new Shape(dims);
        var inferred = -1;
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1 && inferred < 0) inferred = i;
            else if (dims[i] <= 0)
            {
                return new ShapeError("ND0207",
                    $"{op} at '{path}' turns {input} into {target}, but {(dims[i] == -1 ? "only one size can be -1 (inferred)" : "sizes must be positive (or -1 for one inferred size)")}");
            }
        }
        try
        {
            // The fixed part: every axis of the input but a symbolic one, and every given size of the output.
            long fixedIn = 1;
            string? symbol = null;
            long bound = 0;
            for (var axis = 0; axis < input.Rank; axis++)
            {
                if (input.Symbol(axis) is { } s)
                {
                    if (symbol is not null)
                        return new ShapeError("ND0214", $"{op} at '{path}' reshapes {input}, which has two symbolic axes ({symbol} and {s}); a reshape keeps one symbolic axis whole, as its -1");
                    symbol = s;
                    bound = input[axis];
                }
                else fixedIn = checked(fixedIn * input[axis]);
            }
            long fixedOut = 1;
            foreach (var d in dims)
            {
                if (d > 0) fixedOut = checked(fixedOut * d);
            }
            if (symbol is not null)
            {
                if (inferred < 0 || fixedIn % fixedOut != 0 || fixedIn / fixedOut != 1)
                {
                    var why = inferred < 0
                        ? $"a fixed shape cannot hold the {symbol} x {fixedIn} elements of a symbolic axis; write -1 for the axis that keeps {symbol}"
                        : fixedIn % fixedOut != 0
                            ? $"the fixed axes hold {fixedIn} elements per {symbol}, which the sizes given ({fixedOut} elements) do not divide"
                            : $"-1 would be {symbol} x {fixedIn / fixedOut}, merging the symbolic axis with others; the sizes given must hold {fixedIn} elements so that -1 is {symbol} itself";
                    return new ShapeError("ND0214", $"{op} at '{path}' turns {input} into {target}: {why}");
                }
                var symbols = new string?[dims.Length];
                symbols[inferred] = symbol;
                var sized = (long[])dims.Clone();
                sized[inferred] = bound;
                return Shape.Of(sized, symbols, input.Elements);
            }
            var count = input.ElementCount;
            if (inferred >= 0)
            {
                if (count % fixedOut != 0)
                {
                    return new ShapeError("ND0207",
                        $"{op} at '{path}' turns {input} ({count} elements) into {target}: {count} elements do not divide into rows of {fixedOut}; the element count must not change");
                }
                var sized = (long[])dims.Clone();
                sized[inferred] = count / fixedOut;
                return Shape.Of(sized, null, input.Elements);
            }
            if (fixedOut != count)
            {
                return new ShapeError("ND0207",
                    $"{op} at '{path}' turns {input} ({count} elements) into {target} ({fixedOut} elements); the element count must not change");
            }
            return Shape.Of((long[])dims.Clone(), null, input.Elements);
        }
        catch (OverflowException)
        {
            return Overflow(op, path, input);
        }
    }

    /// <summary><c>select(dim, index)</c>, <c>x[i]</c>: one element along an axis, which disappears.</summary>
    public static ShapeResult Select(Shape input, long dim, long index, string op, string path)
    {
        if (!TryAxis(dim, input.Rank, out var axis)) return AxisError(op, path, "dim", dim, input);
        if (input.Symbol(axis) is { } symbol)
        {
            if (index is not (0 or -1))
            {
                return new ShapeError("ND0214",
                    $"{op} at '{path}' takes element {index} of axis {axis} of {input}, the symbolic size {symbol} (1 to {input[axis]}), known only when the network runs; only its first (0) and last (-1) elements always exist");
            }
        }
        else if (index < -input[axis] || index >= input[axis])
        {
            return new ShapeError("ND0213",
                $"{op} at '{path}' takes element {index} of axis {axis} of {input}, past the end: that axis has {input[axis]} elements (0 to {input[axis] - 1}, or -{input[axis]} to -1 from the end)");
        }
        var order = new int[input.Rank - 1];
        for (var i = 0; i < order.Length; i++) order[i] = i < axis ? i : i + 1;
        return Pick(input, order);
    }

    /// <summary>
    /// <c>slice(dim, start, stop, step)</c>, <c>x[start:stop:step]</c>: every <paramref name="step"/>-th element from
    /// <paramref name="start"/> up to (not including) <paramref name="stop"/>, negative counting from the end, as in Python;
    /// no <paramref name="stop"/> runs to the end. A slice past the end is an error (Python would shorten it silently).
    /// </summary>
    public static ShapeResult Slice(Shape input, long dim, long start, long? stop, long step, string op, string path)
    {
        if (!TryAxis(dim, input.Rank, out var axis)) return AxisError(op, path, "dim", dim, input);
        if (step < 1) return Invalid(op, path, $"needs a step of at least 1, got {step}");
        var written = $"{(start == 0 ? "" : Text(start))}:{(stop is { } s ? Text(s) : "")}{(step == 1 ? "" : ":" + Text(step))}";
        if (input.Symbol(axis) is { } symbol)
        {
            if (start == 0 && stop is null && step == 1) return input;
            return new ShapeError("ND0214",
                $"{op} at '{path}' slices [{written}] from axis {axis} of {input}, the symbolic size {symbol} (1 to {input[axis]}), known only when the network runs; only the whole axis [:] passes");
        }
        var size = input[axis];
        var first = start < 0 ? start + size : start;
        var end = stop is { } given ? (given < 0 ? given + size : given) : size;
        if (first < 0 || first >= size || end < 0 || end > size)
        {
            return new ShapeError("ND0213",
                $"{op} at '{path}' slices [{written}] from axis {axis} of {input}, past the end: that axis has {size} elements, so start and stop lie in 0 to {size} (or -{size} to -1 from the end)");
        }
        if (end <= first)
            return new ShapeError("ND0213", $"{op} at '{path}' slices [{written}] from axis {axis} of {input}, which leaves no element: the stop must come after the start");
        return Replace(input, axis, (end - first + step - 1) / step);
    }

    /// <summary>
    /// <c>chunk(chunks, dim)</c>: an axis cut into <paramref name="chunks"/> pieces of ceil(size / chunks), the last
    /// smaller, as torch.chunk (which gives fewer pieces when the sizes work out so: 5 in 4 chunks is 2, 2, 1).
    /// </summary>
    public static ShapeResult Chunk(Shape input, long chunks, long dim, string op, string path)
    {
        if (!TryAxis(dim, input.Rank, out var axis)) return AxisError(op, path, "dim", dim, input);
        if (chunks < 1) return Invalid(op, path, $"needs at least 1 chunk, got {chunks}");
        if (Fixed(input, axis, op, path, "the pieces' sizes depend on it") is { } symbolic) return symbolic;
        var size = input[axis];
        var piece = (size + chunks - 1) / chunks;
        return Pieces(input, axis, piece, op, path);
    }

    /// <summary>
    /// <c>split(sizes, dim)</c>, as torch.split: one size cuts the axis into pieces of that size (the last smaller);
    /// several are the pieces' sizes, which must add up to the axis.
    /// </summary>
    public static ShapeResult Split(Shape input, long[] sizes, long dim, string op, string path)
    {
        if (!TryAxis(dim, input.Rank, out var axis)) return AxisError(op, path, "dim", dim, input);
        foreach (var size in sizes)
        {
            if (size < 1) return Invalid(op, path, $"needs sizes of at least 1, got {size}");
        }
        if (Fixed(input, axis, op, path, "the pieces' sizes depend on it") is { } symbolic) return symbolic;
        if (sizes.Length == 1) return Pieces(input, axis, sizes[0], op, path);
        long total = 0;
        foreach (var size in sizes) total = total > input[axis] ? total : total + size;
        if (total != input[axis])
        {
            return new ShapeError("ND0213",
                $"{op} at '{path}' cuts axis {axis} of {input} into pieces of ({string.Join(", ", Array.ConvertAll(sizes, Text))}), which {(total > input[axis] ? "run past its end" : "stop short of its end")}: the sizes must add up to {input[axis]}");
        }
        var parts = new Shape[sizes.Length];
        for (var i = 0; i < parts.Length; i++) parts[i] = Replace(input, axis, sizes[i]);
        return ShapeResult.Several(parts);
    }

    /// <summary><c>roll(shifts, dims)</c>, torch.roll: one shift per axis (an axis may be named twice, its shifts add up); the shape is kept.</summary>
    public static ShapeResult Roll(Shape input, long[] shifts, long[] dims, string op, string path)
    {
        if (shifts.Length != dims.Length)
            return Invalid(op, path, $"has {shifts.Length} shift(s) for {dims.Length} axis/axes; give one shift per axis: roll((-3, -3), (0, 1))");
        foreach (var dim in dims)
        {
            if (!TryAxis(dim, input.Rank, out _)) return AxisError(op, path, "dims", dim, input);
        }
        return input;
    }

    /// <summary>A tuple binding, <c>(a, b) = x.chunk(2)</c>: as many names as values (the count may depend on parameters).</summary>
    public static ShapeError Binding(int values, int names) =>
        new("ND0113", $"this binding names {names} values but the expression gives {values}; bind one name per value (x.chunk(n) gives n values when the axis divides evenly)");

    /// <summary>An op along one axis that keeps the shape (<c>softmax(dim)</c>, <c>log_softmax(dim)</c>): the axis must exist.</summary>
    public static ShapeResult AlongAxis(Shape input, long dim, string op, string path) =>
        TryAxis(dim, input.Rank, out _) ? input : AxisError(op, path, "dim", dim, input);

    /// <summary>Pieces of <paramref name="piece"/> elements along <paramref name="axis"/>, the last one smaller.</summary>
    private static ShapeResult Pieces(Shape input, int axis, long piece, string op, string path)
    {
        var size = input[axis];
        var count = (size + piece - 1) / piece;
        if (count > 100_000) return Invalid(op, path, $"would cut axis {axis} of {input} into {count} pieces, more than 100,000");
        var parts = new Shape[count];
        for (var i = 0; i < count; i++) parts[i] = Replace(input, axis, Math.Min(piece, size - i * piece));
        return ShapeResult.Several(parts);
    }

    /// <summary>The input's axes in the order given: output axis i is input axis <c>order[i]</c>.</summary>
    private static Shape Pick(Shape input, int[] order)
    {
        var dims = new long[order.Length];
        var symbols = input.HasSymbols ? new string?[order.Length] : null;
        for (var i = 0; i < order.Length; i++)
        {
            dims[i] = input[order[i]];
            if (symbols is not null) symbols[i] = input.Symbol(order[i]);
        }
        return Shape.Of(dims, symbols, input.Elements, axesMoved: true);
    }

    /// <summary>A sample axis as given (negative from the last) resolved for a value of <paramref name="rank"/> axes.</summary>
    private static bool TryAxis(long axis, int rank, out int resolved)
    {
        var value = axis < 0 ? axis + rank : axis;
        resolved = (int)Math.Max(0, Math.Min(value, int.MaxValue));
        return value >= 0 && value < rank;
    }

    private static ShapeError AxisError(string op, string path, string argument, long axis, Shape input) =>
        Invalid(op, path, $"has {argument} {axis} but its input {input} has {(input.Rank == 0 ? "no axes" : $"{input.Rank} axes: 0 to {input.Rank - 1}, or -{input.Rank} to -1 from the last")}; axes count the sample's axes, the batch excluded");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Axes(List<string> axes) => (axes.Count == 1 ? "axis " : "axes ") + string.Join(", ", axes);
}
