namespace NetDsl;

/// <summary>The output of a shape rule: a shape, or an error; and, for a valid shape, an optional warning.</summary>
public readonly record struct ShapeResult(Shape Shape, ShapeError? Error, ShapeError? Warning)
{
    public static implicit operator ShapeResult(Shape shape) => new(shape, null, null);

    public static implicit operator ShapeResult(ShapeError error) => new(default, error, null);

    public bool Ok => Error is null;

    /// <summary>Run-time use: the shape, or a <see cref="ShapeException"/> carrying the same message as the build error.</summary>
    public Shape OrThrow() => Error is null ? Shape : throw new ShapeException(Error);
}
