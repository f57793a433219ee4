using System;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace NetDsl.Zoo;

/// <summary>
/// The 'zoo' command: without arguments it lists every network of the zoo with its parameter counts; with a
/// network's name (any case, '_', '-' and '.' ignored: resnet50, squeezenet1_0, inception_v3) it prints that
/// network's compile-time summary. Nothing is built or run: the numbers are the generator's constants.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var networks = Networks();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
        {
            var width = networks.Max(n => n.Name.Length);
            Console.WriteLine($"{"Network".PadRight(width)}  {"Input",-15} {"Parameters",14} {"BN statistics",14}");
            foreach (var network in networks)
            {
                var input = ((Shape)network.GetProperty("DeclaredInputShape")!.GetValue(null)!).ToDeclaredString(); // a sequence with its bound: [t <= 1024]
                Console.WriteLine($"{network.Name.PadRight(width)}  {input,-15} {Count(network, "ParameterCount"),14} {Count(network, "BufferCount"),14}");
            }
            Console.WriteLine();
            Console.WriteLine("zoo NAME prints the summary of one network, e.g. zoo resnet50");
            return 0;
        }

        var wanted = Normalize(args[0]);
        var matches = networks.Where(n => Normalize(n.Name) == wanted).ToList();
        if (matches.Count == 0) matches = networks.Where(n => Normalize(n.Name).StartsWith(wanted, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            Console.Error.WriteLine(matches.Count == 0
                ? $"zoo: no network named '{args[0]}'; the zoo has {string.Join(", ", networks.Select(n => n.Name))}"
                : $"zoo: '{args[0]}' could be {string.Join(" or ", matches.Select(n => n.Name))}");
            return 1;
        }
        Console.WriteLine((string)matches[0].GetField("Summary")!.GetRawConstantValue()!);
        return 0;
    }

    /// <summary>The generated network classes: the ones with a compile-time parameter count.</summary>
    public static Type[] Networks() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Program).Namespace && t.GetField("ParameterCount", BindingFlags.Public | BindingFlags.Static) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

    private static string Count(Type network, string field) =>
        ((long)network.GetField(field)!.GetRawConstantValue()!).ToString("N0", CultureInfo.InvariantCulture);

    private static string Normalize(string name) =>
        new string(name.Where(c => c is not ('_' or '-' or '.')).ToArray()).ToLowerInvariant();
}
