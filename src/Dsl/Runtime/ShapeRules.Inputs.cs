using System;
using System.Collections.Generic;

namespace NetDsl;

// A network's declared input, and the run-time check of what forward receives against it.
public static partial class ShapeRules
{
    /// <summary>
    /// A network's input as declared: sizes of any rank (batch excluded), a symbolic axis where <paramref name="symbols"/>
    /// names one (its size is its bound, <c>t &lt;= 1024</c>), floats or token ids.
    /// </summary>
    public static ShapeResult Input(long[] dims, string network, string?[]? symbols = null, ElementKind elements = ElementKind.Float)
    {
        var declared = new Shape(dims, symbols, elements);
        if (dims.Length == 0)
            return new ShapeError("ND0114", $"network '{network}' declares an empty input shape; write [C, H, W] (an image), [N] (a vector) or any other sizes, e.g. [t <= 512, 64]");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var axis = 0; axis < dims.Length; axis++)
        {
            if (declared.Symbol(axis) is { } symbol)
            {
                if (dims[axis] <= 0)
                    return new ShapeError("ND0114", $"network '{network}' declares input {declared.ToDeclaredString()}; the bound of {symbol} must be at least 1");
                if (!seen.Add(symbol))
                    return new ShapeError("ND0114", $"network '{network}' declares input {declared.ToDeclaredString()}; the symbol {symbol} names two axes, give each its own name");
            }
            else if (dims[axis] <= 0) return new ShapeError("ND0114", $"network '{network}' declares input {declared}; every size must be at least 1");
        }
        return declared;
    }

    /// <summary>
    /// What a generated <c>forward</c> checks before any layer runs: the input has a batch axis and the declared sample
    /// axes (fixed sizes equal, symbolic sizes between 1 and their bound), and holds floats or integer ids as declared.
    /// Null when it matches.
    /// </summary>
    /// <param name="actual">The input tensor's shape, batch first.</param>
    /// <param name="integral">Whether the tensor holds integers.</param>
    public static ShapeError? CheckInput(long[] actual, bool integral, Shape declared, string network)
    {
        if (actual.Length != declared.Rank + 1)
        {
            return InputError(network,
                $"expects a batch of {declared.ToDeclaredString()}, a tensor of {declared.Rank + 1} axes (batch first), but receives {Format(actual)} ({actual.Length} axes){(actual.Length == declared.Rank ? "; add the batch axis, e.g. input.unsqueeze(0)" : "")}");
        }
        for (var axis = 0; axis < declared.Rank; axis++)
        {
            var size = actual[axis + 1];
            if (declared.Symbol(axis) is { } symbol)
            {
                if (size < 1 || size > declared[axis])
                {
                    return InputError(network,
                        $"expects a batch of {declared.ToDeclaredString()} but receives {Format(actual)}: axis {axis} of the sample ({symbol}) is {size}, outside 1 to {declared[axis]}");
                }
            }
            else if (size != declared[axis])
            {
                return InputError(network,
                    $"expects a batch of {declared.ToDeclaredString()} but receives {Format(actual)}: axis {axis} of the sample is {size}, not {declared[axis]}");
            }
        }
        if (declared.IsIds && !integral)
            return InputError(network, $"expects token ids, an integer tensor (int64), but receives floating-point values; ids index an embedding");
        if (!declared.IsIds && integral)
            return InputError(network, $"expects floating-point values but receives an integer tensor; convert it, e.g. input.to(float32)");
        return null;
    }

    private static ShapeError InputError(string network, string what) => new("ND0216", $"network '{network}' {what}");

    private static string Format(long[] sizes)
    {
        var parts = new string[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) parts[i] = sizes[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join(", ", parts) + "]";
    }
}
