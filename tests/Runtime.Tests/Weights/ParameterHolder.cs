using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>A module with a parameter "w" of shape [2] and, optionally, "v" of shape [1, 1], for hand-made files.</summary>
internal sealed class ParameterHolder : nn.Module
{
    public readonly Parameter w;
    public readonly Parameter v;

    public ParameterHolder(bool withV = false) : base("holder")
    {
        w = nn.Parameter(zeros(2));
        register_parameter("w", w);
        v = nn.Parameter(zeros(1, 1));
        if (withV)
            register_parameter("v", v);
    }
}
