using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>What a <see cref="HostileCase"/> child reported.</summary>
internal sealed record ChildOutcome(string Type, string Message, double Seconds, long BaselineMb, long PeakMb, bool ChangedModel, string Output)
{
    /// <summary>Memory the case itself added to the process at its peak.</summary>
    public long GrowthMb => PeakMb - BaselineMb;

    public override string ToString() => $"{Type}: {Message} ({Seconds:F2} s, peak {PeakMb} MB, baseline {BaselineMb} MB)";
}

/// <summary>
/// Runs a <see cref="HostileCase"/> in a fresh process of this test assembly, killing it after a time limit: a hang or
/// a crash (stack overflow, SIGABRT) then fails the test that asked, with what the child printed.
/// </summary>
internal static class ChildProcess
{
    public static ChildOutcome Run(TimeSpan limit, string name, params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet(), new[] { typeof(FreshProcess).Assembly.Location, HostileCase.Command, name }.Concat(args))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NETDSL_NATIVE_CACHE"] = TestPaths.NativeCache;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"'{name}' did not finish within {limit.TotalSeconds} s (a hang): {output.Result}{error.Result}");
        }
        var text = output.Result;
        Assert.True(process.ExitCode == 0, $"'{name}' ended with exit code {process.ExitCode} (a crash): {text}{error.Result}");
        string Field(string key) => text.Split('\n').First(l => l.StartsWith(key + "\t", StringComparison.Ordinal)).TrimEnd('\r')[(key.Length + 1)..];
        var outcome = Field("OUTCOME").Split('\t', 2);
        return new ChildOutcome(outcome[0], outcome.Length > 1 ? outcome[1] : "", double.Parse(Field("SECONDS"), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(Field("BASELINE_MB")), long.Parse(Field("PEAK_MB")), text.Split('\n').Any(l => l.TrimEnd('\r') == "CHANGED"), text);
    }

    /// <summary>The dotnet host of the runtime running these tests: [root]/shared/Microsoft.NETCore.App/[version]/ is the runtime's folder.</summary>
    public static string Dotnet()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
    }
}
