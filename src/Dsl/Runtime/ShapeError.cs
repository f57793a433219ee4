namespace NetDsl;

/// <summary>A broken shape rule: the diagnostic ID and the message, identical at compile time and at run time.</summary>
public sealed record ShapeError(string Id, string Message);
