using System;

namespace NetDsl;

/// <summary>Thrown by a generated constructor when its arguments break a shape rule; the message matches the build diagnostic.</summary>
public sealed class ShapeException : Exception
{
    public ShapeException(ShapeError error)
        : base($"{error.Id}: {error.Message}")
    {
        Error = error;
    }

    public ShapeError Error { get; }
}
