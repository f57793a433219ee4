using System.Collections.Generic;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// A network instance's declaration, checked for its arguments (<see cref="DeclaredNetworks.Check"/>): the evaluated
/// network, or null with the diagnostics that say why not.
/// </summary>
public sealed record DeclaredNetwork(CheckedNetwork? Network, EquatableArray<DslDiagnostic> Diagnostics)
{
    /// <summary>The instance's arguments, by parameter name, as the checker read them (parameters left out take their defaults).</summary>
    public IReadOnlyDictionary<string, ScalarValue> Arguments { get; init; } = new Dictionary<string, ScalarValue>();

    /// <summary>The evaluated network, or an <see cref="System.InvalidOperationException"/> that lists the problems.</summary>
    public CheckedNetwork OrThrow() => Network ?? throw new System.InvalidOperationException(
        "NetDsl: the network's declaration does not check: " + string.Join("; ", System.Linq.Enumerable.Select(Diagnostics, d => d.ToString())));
}
