namespace NetDsl.Analysis;

/// <summary>What lies between two tokens: spaces, comments, line breaks and <c>\</c> line continuations.</summary>
internal readonly record struct TriviaItem(TriviaKind Kind, string Text, int Column);
