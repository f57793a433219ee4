using System.Collections.Generic;

namespace NetDsl.Cli;

/// <summary>A command's arguments: positional ones in order, and the values of its options (<c>-o FILE</c>, <c>--network NAME</c>, repeatable).</summary>
internal sealed class Arguments
{
    public List<string> Positional { get; } = new();

    public Dictionary<string, List<string>> Options { get; } = new();

    /// <param name="options">The options the command takes, each with its aliases mapped to one name.</param>
    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> options)
    {
        var result = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                if (!options.TryGetValue(arg, out var name)) throw new UsageException($"unknown option '{arg}'");
                if (i + 1 >= args.Count) throw new UsageException($"option '{arg}' needs a value");
                if (!result.Options.TryGetValue(name, out var values)) result.Options[name] = values = new List<string>();
                values.Add(args[++i]);
            }
            else result.Positional.Add(arg);
        }
        return result;
    }

    public IReadOnlyList<string> All(string option) => Options.TryGetValue(option, out var values) ? values : new List<string>();

    /// <summary>The <c>name=value</c> pairs given to a repeatable option (<c>--arg classes=5</c>), by name.</summary>
    public Dictionary<string, string> Pairs(string option)
    {
        var pairs = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var pair in All(option))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new UsageException($"{option} takes name=value, not '{pair}'");
            pairs[pair[..equals]] = pair[(equals + 1)..];
        }
        return pairs;
    }

    public string? Single(string option)
    {
        var values = All(option);
        if (values.Count > 1) throw new UsageException($"option '{option}' is given {values.Count} times");
        return values.Count == 0 ? null : values[0];
    }
}
