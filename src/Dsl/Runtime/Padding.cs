namespace NetDsl;

public enum PaddingMode
{
    Explicit,
    Same,
    Valid,
}

/// <summary>A padding argument as written: explicit rows/columns, <c>same</c> (output = ceil(input / stride), as Keras) or <c>valid</c> (none).</summary>
public readonly record struct Padding(PaddingMode Mode, long Height, long Width)
{
    public static Padding Same => new(PaddingMode.Same, 0, 0);

    public static Padding Valid => new(PaddingMode.Valid, 0, 0);

    public static Padding Explicit(long height, long width) => new(PaddingMode.Explicit, height, width);

    public override string ToString() => Mode switch
    {
        PaddingMode.Same => "same",
        PaddingMode.Valid => "valid",
        _ => Height == Width ? Height.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({Height}, {Width})",
    };
}

/// <summary>Padding resolved for a given input: rows added on top and bottom, columns on the left and right.</summary>
public readonly record struct ResolvedPadding(long Top, long Bottom, long Left, long Right)
{
    public bool IsSymmetric => Top == Bottom && Left == Right;
}
