using System.Collections.Generic;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>A Python dict or <c>collections.OrderedDict</c>, in insertion order (later assignments to a key replace it in place).</summary>
internal sealed class PyDict
{
    private readonly Dictionary<object, int> _index = new();

    public List<KeyValuePair<object, object?>> Items { get; } = new();

    public int Depth { get; set; } = 1;

    /// <summary>Attributes set by BUILD (an OrderedDict state_dict carries <c>_metadata</c>); kept, never executed.</summary>
    public PyDict? Attributes { get; set; }

    public void Set(object key, object? value)
    {
        if (_index.TryGetValue(key, out var at))
        {
            Items[at] = new KeyValuePair<object, object?>(key, value);
            return;
        }
        _index[key] = Items.Count;
        Items.Add(new KeyValuePair<object, object?>(key, value));
    }

    public bool TryGet(string key, out object? value)
    {
        if (_index.TryGetValue(key, out var at))
        {
            value = Items[at].Value;
            return true;
        }
        value = null;
        return false;
    }
}
