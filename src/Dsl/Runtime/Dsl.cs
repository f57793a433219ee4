namespace NetDsl;

/// <summary>NetDsl's integer arithmetic, shared by the checker and generated code: '/' and '%' floor, as in Python.</summary>
public static class Dsl
{
    public static long FloorDiv(long a, long b)
    {
        if (b == 0) throw new System.DivideByZeroException("NetDsl: division by zero in a size expression");
        if (a == long.MinValue && b == -1) throw new System.OverflowException("NetDsl: size arithmetic overflows 64 bits");
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    public static long FloorMod(long a, long b)
    {
        if (b == 0) throw new System.DivideByZeroException("NetDsl: division by zero in a size expression");
        if (b == -1) return 0;
        var r = a % b;
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
    }
}
