using System;
using System.Globalization;

namespace NetDsl;

/// <summary>
/// NetDsl's arithmetic, shared by the checker and generated code so both compute the same numbers. It is Python's:
/// integer '/' and '%' floor, float '%' takes the sign of the divisor, <c>round</c> rounds half to even, <c>int</c>
/// truncates toward zero, <c>max</c>/<c>min</c> keep the first of equal arguments. A result beyond 64-bit integers,
/// which Python would keep as a big integer, is an <see cref="OverflowException"/> (ND0211 at build time).
/// </summary>
public static class Dsl
{
    private const string Prefix = "NetDsl: ";

    public static long FloorDiv(long a, long b)
    {
        if (b == 0) throw new DivideByZeroException("NetDsl: division by zero in a size expression");
        if (a == long.MinValue && b == -1) throw new OverflowException("NetDsl: size arithmetic overflows 64 bits");
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    public static long FloorMod(long a, long b)
    {
        if (b == 0) throw new DivideByZeroException("NetDsl: division by zero in a size expression");
        if (b == -1) return 0;
        var r = a % b;
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
    }

    /// <summary>Python's float <c>a % b</c>: C#'s remainder moved to the sign of <paramref name="b"/> (CPython's float_rem).</summary>
    public static double FloorMod(double a, double b)
    {
        if (b == 0) throw new DivideByZeroException("NetDsl: division by zero in a size expression");
        var r = a % b;
        if (r == 0) return b < 0 ? -0.0 : 0.0;
        return (b < 0) != (r < 0) ? r + b : r;
    }

    /// <summary>Python's <c>max(a, b)</c>: <paramref name="b"/> only when it is greater, so of equal values the first wins.</summary>
    public static long Max(long a, long b) => b > a ? b : a;

    /// <inheritdoc cref="Max(long, long)"/>
    public static double Max(double a, double b) => b > a ? b : a;

    /// <summary>Python's <c>min(a, b)</c>: <paramref name="b"/> only when it is smaller, so of equal values the first wins.</summary>
    public static long Min(long a, long b) => b < a ? b : a;

    /// <inheritdoc cref="Min(long, long)"/>
    public static double Min(double a, double b) => b < a ? b : a;

    /// <summary>Python's <c>round(x)</c>: the nearest integer, a tie (x.5) to the even one, so round(2.5) is 2 and round(-0.5) is 0.</summary>
    public static long Round(double x)
    {
        Finite(x, "round");
        var floor = Math.Floor(x);
        // x - floor(x) is exact for every double: the fraction of a double is itself a double.
        var fraction = x - floor;
        var rounded = fraction > 0.5 || (fraction == 0.5 && Math.IEEERemainder(floor, 2) != 0) ? floor + 1 : floor;
        return ToLong(rounded, x, "round");
    }

    /// <summary>Python's <c>math.ceil(x)</c>: the smallest integer not below x.</summary>
    public static long Ceil(double x)
    {
        Finite(x, "ceil");
        return ToLong(Math.Ceiling(x), x, "ceil");
    }

    /// <summary>Python's <c>math.floor(x)</c>: the largest integer not above x.</summary>
    public static long Floor(double x)
    {
        Finite(x, "floor");
        return ToLong(Math.Floor(x), x, "floor");
    }

    /// <summary>Python's <c>int(x)</c> of a float: truncated toward zero, so int(2.9) is 2 and int(-2.9) is -2.</summary>
    public static long Int(double x)
    {
        Finite(x, "int");
        return ToLong(x < 0 ? Math.Ceiling(x) : Math.Floor(x), x, "int");
    }

    private static void Finite(double x, string function)
    {
        if (double.IsNaN(x)) throw new ArithmeticException($"{Prefix}{function}(nan): NaN has no integer value");
        if (double.IsInfinity(x)) throw new OverflowException($"{Prefix}{function}({(x > 0 ? "inf" : "-inf")}): infinity has no integer value");
    }

    /// <summary>An integral double as a long; 2^63 itself is the first double out of range.</summary>
    private static long ToLong(double integral, double x, string function)
    {
        if (integral >= -9223372036854775808.0 && integral < 9223372036854775808.0) return (long)integral;
        throw new OverflowException($"{Prefix}{function}({x.ToString("R", CultureInfo.InvariantCulture)}) is beyond 64-bit integers");
    }

    /// <summary>The message of an exception thrown here, without the prefix that tells run-time readers where it came from.</summary>
    public static string Reason(Exception exception) =>
        exception.Message.StartsWith(Prefix, StringComparison.Ordinal) ? exception.Message.Substring(Prefix.Length) : exception.Message;
}
