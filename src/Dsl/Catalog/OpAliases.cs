using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace NetDsl.Catalog;

/// <summary>
/// What PyTorch and Keras call NetDsl's ops and merges, so that an unknown <c>BatchNorm2d</c> or <c>Dense</c> is answered
/// "NetDsl calls this 'bn'": the names of the C# form's attribute classes (<c>[BatchNorm2d]</c> for <c>bn</c>, PyTorch's
/// module names), read from the catalog's attributes so a new op brings its own, and Keras' names and common spellings
/// listed here. Names compare without case and '_' (<c>batch_norm</c>, <c>MAXPOOL2D</c>). docs/language.md lists them.
/// </summary>
public static class OpAliases
{
    /// <summary>Keras' layer names and other spellings that are no attribute's name (<c>Conv2D</c> is <c>[Conv2d]</c>'s: case does not count).</summary>
    public static readonly IReadOnlyList<(string Alias, string Name)> Listed = new[]
    {
        ("BatchNormalization", "bn"), ("BatchNorm", "bn"),
        ("Convolution2D", "conv"),
        ("Dense", "linear"),
        ("MaxPooling2D", "maxpool"), ("AveragePooling2D", "avgpool"), ("AvgPool", "avgpool"), ("MaxPool", "maxpool"),
        ("GlobalAveragePooling2D", "global_avgpool"), ("GlobalMaxPooling2D", "global_maxpool"),
        ("ZeroPadding2D", "zeropad"),
        ("LRN", "lrn"), ("Swish", "silu"), ("LayerNormalization", "layer_norm"),
        ("Concatenate", "concat"), ("cat", "concat"), ("Add", "add"), ("Multiply", "mul"),
    };

    private static readonly Lazy<Dictionary<string, string>> ByKey = new(Build);

    /// <summary>The NetDsl name of <paramref name="name"/> when it is another library's name for one of its ops or merges, else null.</summary>
    public static string? Find(string name) => ByKey.Value.TryGetValue(Key(name), out var found) && found != name ? found : null;

    /// <summary>Every alias, with the NetDsl name it stands for.</summary>
    public static IEnumerable<(string Alias, string Name)> All => AttributeNames().Concat(Listed);

    private static IEnumerable<(string Alias, string Name)> AttributeNames() =>
        typeof(CatalogOpAttribute).Assembly.GetTypes()
            .Select(type => (Type: type, Op: type.GetCustomAttribute<CatalogOpAttribute>()?.Op))
            .Where(entry => entry.Op is not null && entry.Type.Name.EndsWith("Attribute", StringComparison.Ordinal))
            .Select(entry => (entry.Type.Name.Substring(0, entry.Type.Name.Length - "Attribute".Length), entry.Op!))
            .OrderBy(entry => entry.Item1, StringComparer.Ordinal);

    private static Dictionary<string, string> Build()
    {
        var aliases = new Dictionary<string, string>();
        foreach (var (alias, name) in All) aliases[Key(alias)] = name;
        return aliases;
    }

    private static string Key(string name) => name.Replace("_", "").ToLowerInvariant();
}
