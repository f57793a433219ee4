namespace NetDsl;

/// <summary>
/// The output of a shape rule: a shape, or an error; and, for a valid shape, an optional warning. A rule whose op
/// returns several values (<c>chunk</c>, <c>split</c>) gives their shapes in <see cref="Parts"/> (<see cref="Shape"/> is the first).
/// </summary>
public readonly record struct ShapeResult(Shape Shape, ShapeError? Error, ShapeError? Warning)
{
    public static implicit operator ShapeResult(Shape shape) => new(shape, null, null);

    public static implicit operator ShapeResult(ShapeError error) => new(default, error, null);

    /// <summary>Several values' shapes, for an op that returns several.</summary>
    public static ShapeResult Several(Shape[] parts) => new(parts[0], null, null) { Parts = parts };

    /// <summary>The shapes of the values an op returns when it returns several; null for one.</summary>
    public Shape[]? Parts { get; init; }

    public bool Ok => Error is null;

    /// <summary>Run-time use: the shape, or a <see cref="ShapeException"/> carrying the same message as the build error.</summary>
    public Shape OrThrow() => Error is null ? Shape : throw new ShapeException(Error);

    /// <summary>Run-time use for an op that returns several values: their shapes, or a <see cref="ShapeException"/>.</summary>
    public Shape[] OrThrowParts() => Error is null ? Parts ?? new[] { Shape } : throw new ShapeException(Error);
}
