using System.Collections.Generic;
using NetDsl.Diagnostics;

namespace NetDsl.Emit;

/// <summary>
/// A Python module exported from <c>.net</c> declarations (<see cref="Text"/>), or why there is none: the build's
/// diagnostics (<see cref="Diagnostics"/>, errors among them) or layers without a PyTorch emission (<see cref="Errors"/>).
/// </summary>
public sealed record PyTorchExport(string? Text, IReadOnlyList<DslDiagnostic> Diagnostics, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Text is not null;
}
