namespace NetDsl.Analysis;

internal enum TriviaKind
{
    Comment,
    NewLine,

    /// <summary>A <c>\</c> that joins the line to the next.</summary>
    Continuation,
}
