using System;
using System.Threading;

namespace NetDsl.Generator;

/// <summary>The outcome of a compiler phase: its value, or the internal error that replaced it.</summary>
internal sealed record Guarded<T>(T? Value, InternalError? Error)
    where T : class
{
    public static Guarded<T> Succeeded(T value) => new(value, null);
}

/// <summary>Runs compiler phases. The one place that catches: a compiler crash becomes ND9999 instead of Roslyn's opaque CS8785.</summary>
internal static class Guard
{
    public static Guarded<T> Run<T>(Func<T> phase, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return Guarded<T>.Succeeded(phase());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return new Guarded<T>(null, InternalError.From(exception));
        }
    }
}
