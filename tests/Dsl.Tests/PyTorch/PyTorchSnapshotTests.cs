using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Emit;
using Xunit;

namespace NetDsl.DslTests.PyTorch;

/// <summary>
/// Golden files of the PyTorch export of example networks (Snapshots/*.py): plain CNN, blocks called with other
/// arguments, several outputs with auxiliary heads only while training, learned tensors and tied weights with
/// attention, shifted windows with stochastic depth. On a difference the test fails with the first differing line and
/// writes Snapshots/NAME.received.py; review it, then accept with NETDSL_ACCEPT=1 dotnet test tests/Dsl.Tests.
/// Whether the files run and match NetDsl's modules is Runtime.Tests' PyTorchRoundTripTests.
/// </summary>
public sealed class PyTorchSnapshotTests
{
    public static TheoryData<string> Networks => new() { "SmallCnn", "ResNet20", "MiniGoogLeNet", "TinyGpt", "TinyVit", "TinySwin" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Export_equals_its_golden_file(string network)
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples", "Networks"), "*.net").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new DslSource(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var export = PyTorchEmitter.Export(sources, new[] { network });
        Assert.True(export.Succeeded, string.Join("\n", export.Errors));
        Verify(network, export.Text!);
    }

    private static void Verify(string name, string actual)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Dsl.Tests", "PyTorch", "Snapshots");
        var golden = Path.Combine(folder, name + ".py");
        var received = Path.Combine(folder, name + ".received.py");
        if (Environment.GetEnvironmentVariable("NETDSL_ACCEPT") == "1")
        {
            File.WriteAllText(golden, actual);
            File.Delete(received);
            return;
        }
        var expected = File.Exists(golden) ? File.ReadAllText(golden).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        var expectedLines = expected?.Split('\n') ?? Array.Empty<string>();
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail($"{name}: the export differs from {golden} at line {first + 1}:\n" +
                    $"  golden:   {(first < expectedLines.Length ? expectedLines[first] : "(end)")}\n" +
                    $"  received: {(first < actualLines.Length ? actualLines[first] : "(end)")}\n" +
                    $"wrote {received}; if the change is meant, review it and accept with NETDSL_ACCEPT=1 dotnet test tests/Dsl.Tests");
    }
}
