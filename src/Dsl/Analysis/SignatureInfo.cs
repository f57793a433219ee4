using System.Collections.Generic;

namespace NetDsl.Analysis;

/// <summary>
/// The signature of the op or block being called at a position: its label (<c>conv(filters, kernel, stride: 1, ...)</c>),
/// each parameter's place in that label (start, end) and its documentation, and the parameter the caret is at.
/// </summary>
public sealed record SignatureInfo(string Label, string Documentation, IReadOnlyList<(int Start, int End, string Documentation)> Parameters, int Active);
