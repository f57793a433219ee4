using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Benchmarks;

/// <summary>The inputs timed: the repository's example files and synthetic projects of known size.</summary>
internal static class Inputs
{
    public static AdditionalText[] ExamplesFolder()
    {
        var root = FindRepositoryRoot();
        return Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.net", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, System.StringComparer.Ordinal)
            .Select(path => (AdditionalText)new InMemoryText(path, File.ReadAllText(path)))
            .ToArray();
    }

    /// <summary>One network of <paramref name="layers"/> layers, a conv or a relu per line.</summary>
    public static AdditionalText[] DeepNetwork(int layers)
    {
        var text = new StringBuilder("network Deep(classes = 10) {\n  input [3, 32, 32]\n");
        for (var i = 0; i < layers - 2; i += 2) text.Append("  conv(16, 3, padding: 1)\n  relu\n");
        text.Append("  global_avgpool\n  linear(classes)\n}\n");
        return new AdditionalText[] { new InMemoryText("/bench/deep.net", text.ToString()) };
    }

    /// <summary><paramref name="count"/> small networks sharing one block, one file each.</summary>
    public static AdditionalText[] ManyNetworks(int count)
    {
        var files = new List<AdditionalText>
        {
            new InMemoryText("/bench/blocks.net", "block Res(f) = input + (input |> conv(f, 3, padding: 1) |> bn |> relu |> conv(f, 3, padding: 1) |> bn)\n"),
        };
        for (var i = 0; i < count; i++)
        {
            files.Add(new InMemoryText($"/bench/net{i:D3}.net",
                $"network Net{i:D3}(classes = {i + 2}) {{\n  input [3, 32, 32]\n  conv(32, 3, padding: 1) |> bn |> relu\n  Res(32) * 2\n  maxpool(2)\n  flatten |> linear(classes)\n}}\n"));
        }
        return files.ToArray();
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NetDsl.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("NetDsl.sln not found above " + System.AppContext.BaseDirectory);
    }
}
