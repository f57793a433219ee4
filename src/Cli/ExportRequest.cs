using System.Collections.Generic;

namespace NetDsl.Cli;

/// <summary>
/// What <c>netdsl export</c> was asked for besides the files: the networks (all when empty), the arguments that replace
/// the defaults of the one network named, and a weights file (formats that store weights).
/// </summary>
internal sealed record ExportRequest(IReadOnlyList<string> Networks, IReadOnlyDictionary<string, string> Arguments, string? Weights);
