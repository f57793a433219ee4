using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// One output named by a network's <c>output</c> statement: its name, the value of the network's scope it returns, and
/// whether it exists only while the network trains (<c>aux: a if training</c>; null in evaluation, its layers not run).
/// </summary>
public sealed record OutputValue(string Name, TextRange NameRange, int Value, bool WhileTraining);
