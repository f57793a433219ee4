using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Declares a network in C#: the generator turns this <c>partial</c> class into a TorchSharp module, as for
/// <c>network Name { input [C, H, W] ... }</c> in a <c>.net</c> file. The body is the class's layer attributes on
/// <c>partial</c> properties (named stages) and <c>partial void</c> methods (unnamed stages), in source order; the
/// network's parameters are <see cref="ParameterAttribute"/>s on the class.
/// </summary>
/// <example><code>
/// [Network(1, 28, 28), Parameter("classes", 10)]
/// public partial class FashionNet
/// {
///     [Conv2d(32, 3, Padding = 1), BatchNorm2d, ReLU, MaxPool2d(2)]
///     public partial Sequential Features { get; }
///
///     [Flatten] partial void Flatten();
///
///     [Linear(128), ReLU, Linear("classes")]
///     public partial Sequential Classifier { get; }
/// }
/// </code></example>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <param name="input">
    /// The shape of one sample, batch excluded, any rank: <c>[Network(3, 224, 224)]</c>, <c>[Network(784)]</c>. A size may be a
    /// parameter or an expression in a string (<c>"size"</c>), or symbolic, decided by the data up to a bound: <c>"t &lt;= context"</c>.
    /// </param>
    public NetworkAttribute(params object[] input)
    {
    }

    /// <summary>The input holds token ids, not floats, as <c>input tokens [t &lt;= context]</c> in a <c>.net</c> file.</summary>
    public bool TokenIds { get; set; }
}
