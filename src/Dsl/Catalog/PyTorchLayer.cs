namespace NetDsl.Catalog;

/// <summary>
/// One op application as Python: <see cref="Module"/> builds its <c>nn.Module</c> (a child, with its state_dict keys);
/// <see cref="Function"/> computes it on a tensor without a module (the function form, <c>x.permute(1, 0)</c>), a
/// template whose <c>{x}</c> is the input expression. Without one, the function form calls the module, built in place.
/// </summary>
public sealed record PyTorchLayer(string Module, string? Function = null)
{
    /// <summary>
    /// Parameters of this module that are another layer's (tied weights): its key (<c>weight</c>) and the owner's path
    /// relative to the scope (<c>transformer.wte.weight</c>); PyTorch then lists both keys and trains one tensor.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<(string Key, string Reference)>? Tied { get; init; }

    /// <summary>The Python expression computing the op on <paramref name="input"/> without a registered module.</summary>
    public string Call(string input) => Function is null ? $"{Module}({input})" : Function.Replace("{x}", input);
}
