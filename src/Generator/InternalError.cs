using System;

namespace NetDsl.Generator;

/// <summary>What is left of an exception the compiler threw: plain strings, so the pipeline stays value-equatable.</summary>
internal sealed record InternalError(string ExceptionType, string Message, string TopFrame)
{
    public static InternalError From(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, TopFrameOf(exception));

    private static string TopFrameOf(Exception exception)
    {
        var trace = exception.StackTrace;
        if (string.IsNullOrEmpty(trace)) return "unknown location";
        foreach (var line in trace!.Split('\n'))
        {
            var frame = line.Trim();
            if (frame.Length == 0) continue;
            return frame.StartsWith("at ", StringComparison.Ordinal) ? frame.Substring(3) : frame;
        }
        return "unknown location";
    }
}
