using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Freezing and unfreezing parameters by state_dict path prefix, for transfer learning: <c>"features"</c> matches
/// <c>features.0.weight</c> and <c>features.4.bias</c> but not <c>features2.weight</c>; a full key matches itself.
/// A frozen parameter stops requiring gradients and loses any gradient it had, so no optimizer (not even one with
/// momentum or weight decay) changes it. The trainer also keeps the batch-norm layers under a frozen prefix in
/// eval mode, so their running statistics stay as they were.
/// </summary>
public static class Freezing
{
    /// <summary>Freezes every parameter under the prefixes; returns how many parameters that is.</summary>
    /// <exception cref="ArgumentException">A prefix matches no parameter (the message lists the top-level children).</exception>
    public static int Freeze(this torch.nn.Module module, params string[] prefixes) => Set(module, prefixes, trainable: false);

    /// <summary>Makes every parameter under the prefixes trainable again; returns how many parameters that is.</summary>
    public static int Unfreeze(this torch.nn.Module module, params string[] prefixes) => Set(module, prefixes, trainable: true);

    /// <summary>The state_dict keys of the parameters that do not require gradients.</summary>
    public static IReadOnlyList<string> FrozenParameters(this torch.nn.Module module) =>
        module.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToArray();

    /// <summary>True if <paramref name="path"/> is <paramref name="prefix"/> or lies under it (an empty prefix matches all).</summary>
    public static bool Matches(string path, string prefix) =>
        prefix.Length == 0 || path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '.');

    private static int Set(torch.nn.Module module, string[] prefixes, bool trainable)
    {
        TorchNative.EnsureLoaded();
        if (prefixes.Length == 0)
            throw new ArgumentException("name at least one state_dict path prefix, e.g. \"features\"", nameof(prefixes));
        var parameters = module.named_parameters().ToArray();
        foreach (var prefix in prefixes)
        {
            if (!parameters.Any(p => Matches(p.name, prefix)))
            {
                var children = parameters.Select(p => p.name.Split('.')[0]).Distinct();
                throw new ArgumentException(
                    $"no parameter path is or starts with '{prefix}'; the model's top-level children with parameters are: {string.Join(", ", children)}",
                    nameof(prefixes));
            }
        }
        var count = 0;
        foreach (var (name, parameter) in parameters)
        {
            if (!prefixes.Any(prefix => Matches(name, prefix)))
                continue;
            parameter.requires_grad = trainable;
            if (!trainable)
                parameter.grad = null;
            count++;
        }
        return count;
    }
}
