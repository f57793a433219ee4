using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Golden-file checks for generated C#. Each generated file of case <c>Name</c> is compared with
/// <c>Snapshots/Name.HintName</c> (e.g. <c>Snapshots/Tiny.Tiny.g.cs</c>); the support file every project gets
/// (<c>NetDslLayers.g.cs</c>), which depends only on the namespace, with the one <c>Snapshots/Shared.Namespace.NetDslLayers.g.cs</c>. On a mismatch the test fails with a
/// diff and writes <c>Name.Hint.received.cs</c> beside the golden file; with <c>NETDSL_ACCEPT=1</c> the golden files are overwritten.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "NETDSL_ACCEPT";

    /// <summary>The prefix of golden files that every case with the same namespace shares: files that do not depend on the networks.</summary>
    public const string SharedCase = "Shared";

    private const string GoldenSuffix = ".g.cs";

    private static readonly HashSet<string> SharedHintNames = new(StringComparer.Ordinal) { "NetDslLayers.g.cs" };
    private const string ReceivedSuffix = ".received.cs";

    public static bool AcceptFromEnvironment => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    public static void Verify(string caseName, IReadOnlyList<GeneratedFile> files) =>
        Verify(caseName, files, TestPaths.SnapshotDirectory, AcceptFromEnvironment);

    public static void Verify(string caseName, IReadOnlyList<GeneratedFile> files, string directory, bool accept)
    {
        if (files.Count == 0)
        {
            Assert.Fail($"Snapshot '{caseName}': the generator produced no files, so there is nothing to compare.");
        }

        Directory.CreateDirectory(directory);
        var failures = new List<string>();
        var expectedGoldens = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in files.OrderBy(f => f.HintName, StringComparer.Ordinal))
        {
            var golden = GoldenPath(directory, SharedHintNames.Contains(file.HintName) ? SharedCase + "." + NamespaceOf(file.Text) : caseName, file.HintName);
            var received = ReceivedPath(golden);
            expectedGoldens.Add(golden);
            var actual = Normalize(file.Text);

            if (accept)
            {
                File.WriteAllText(golden, actual, Utf8);
                File.Delete(received);
                continue;
            }

            if (!File.Exists(golden))
            {
                File.WriteAllText(received, actual, Utf8);
                failures.Add($"{Name(golden)} does not exist; the output is in {Name(received)}. Review it, then run with {AcceptVariable}=1 to accept.");
                continue;
            }

            var expected = Normalize(File.ReadAllText(golden));
            if (expected == actual)
            {
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, actual, Utf8);
            failures.Add($"{Name(golden)} differs from the generated {file.HintName} (written to {Name(received)}; run with {AcceptVariable}=1 to accept):\n"
                         + LineDiff.Format(expected, actual));
        }

        foreach (var stale in Directory.GetFiles(directory, caseName + ".*" + GoldenSuffix).Where(p => !expectedGoldens.Contains(p)))
        {
            if (accept)
            {
                File.Delete(stale);
            }
            else
            {
                failures.Add($"{Name(stale)} has no generated counterpart any more (run with {AcceptVariable}=1 to delete it).");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail($"Snapshot '{caseName}' ({directory}):\n" + string.Join("\n", failures));
        }
    }

    public static string GoldenPath(string directory, string caseName, string hintName)
    {
        var file = hintName.EndsWith(GoldenSuffix, StringComparison.Ordinal) ? hintName : hintName + GoldenSuffix;
        return Path.Combine(directory, caseName + "." + file);
    }

    public static string ReceivedPath(string goldenPath) =>
        goldenPath.Substring(0, goldenPath.Length - GoldenSuffix.Length) + ReceivedSuffix;

    private static string NamespaceOf(string code) =>
        code.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("namespace ", StringComparison.Ordinal))?.Substring(10).TrimEnd(';', ' ', '\r')
        ?? "global";

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string Name(string path) => Path.GetFileName(path);

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
