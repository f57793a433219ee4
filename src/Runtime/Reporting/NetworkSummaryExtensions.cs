using System;
using NetDsl.Compiler;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// The summary of a generated network instance, for the arguments it was built with (<c>new ResNet(classes: 5)</c>):
/// its embedded declaration re-checked (<see cref="DeclaredNetworks.Check"/>) and printed by the same printer as the
/// compile-time <c>Summary</c> constant, every layer listed however many there are.
/// </summary>
public static class NetworkSummaryExtensions
{
    /// <summary>
    /// The instance's summary: <c>ToString()</c> is the table, <see cref="NetworkSummary.Layers"/> every row, and the
    /// totals (parameters, multiply-accumulates, activation bytes) are this instance's.
    /// </summary>
    /// <exception cref="InvalidOperationException">The embedded declaration does not check (a generated network's always does).</exception>
    public static NetworkSummary Summarize(this INetwork network)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        return NetworkSummary.Of(DeclaredNetworks.Check(network.Declaration).OrThrow());
    }
}
