using NetDsl.Diagnostics;

namespace NetDsl.Semantics;

/// <summary>
/// How many layers (op applications and block calls, each copy of a repetition counted) the check of one network
/// evaluates before it stops. A network may have <see cref="Checker.MaxLayers"/>; the networks of a project together
/// share <see cref="ProjectLayers"/>, so a project of many networks bounds the work of each. The share is fixed
/// before any network is checked (checks run one unit at a time, independently), from the number of networks rounded
/// up to a power of two, so adding a network changes the units' limit (and re-checks them) only when the count
/// crosses a power of two.
/// </summary>
/// <param name="Layers">The most layers the network may have.</param>
/// <param name="SharedBy">The number of networks the project's budget is divided by (a power of two), 1 when the network's own limit applies.</param>
public sealed record LayerLimit(int Layers, int SharedBy)
{
    /// <summary>
    /// The most statements (layers, merges, functions, each copy of an unrolled <c>(...) * n</c>) one body may hold. Each
    /// is a statement of one generated C# method, and the C# compiler's time and memory grow faster than a method's
    /// length: 2,000 written-out convs build in 17 s and 1 GB, 4,000 in 24 s and 2.5 GB, 41,000 (a 1 MB file) passed
    /// 24 GB (issue #11). A repetition (<c>conv(8, 3) * 40000</c>, <c>B() * n</c>) is a loop and counts once.
    /// </summary>
    public const int StatementsPerBody = 2_000;

    /// <summary>The layers all the networks of a project may have together, when they are more than a few.</summary>
    public const int ProjectLayers = 1_000_000;

    /// <summary>A network's own limit (ND0115 past it).</summary>
    public static LayerLimit Network { get; } = new(Checker.MaxLayers, 1);

    /// <summary>The limit of each network of a project of <paramref name="networks"/> networks.</summary>
    public static LayerLimit ForProject(int networks)
    {
        var sharedBy = 1;
        while (sharedBy < networks && sharedBy < 1 << 30) sharedBy <<= 1;
        var share = ProjectLayers / sharedBy;
        return share >= Checker.MaxLayers ? Network : new LayerLimit(share, sharedBy);
    }

    /// <summary>The diagnostic for a network past this limit.</summary>
    internal DslDescriptor Descriptor => SharedBy == 1 ? DiagnosticCatalog.RepeatCountTooLarge : DiagnosticCatalog.ProjectLayerBudget;

    internal string Message => SharedBy == 1
        ? $"the network has more than {Layers:N0} layers; NetDsl stops checking here"
        : $"the network has more than {Layers:N0} layers, its share of the project's budget: the project's more than {SharedBy / 2:N0} networks " +
          $"share {ProjectLayers:N0} layers ({Layers:N0} each); NetDsl stops checking here. Move networks to another project, or make them smaller";
}
