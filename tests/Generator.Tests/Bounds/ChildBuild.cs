using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace NetDsl.Generator.Tests.Bounds;

/// <summary>What a <see cref="BuildCase"/> child reported.</summary>
internal sealed record BuildOutcome(string[] Diagnostics, string Message, int Errors, string ErrorText, long GeneratedBytes, double Seconds, double CpuSeconds, long PeakMb)
{
    public override string ToString() =>
        $"[{string.Join(" ", Diagnostics)}] {Message}; {Errors} C# errors {ErrorText}; {GeneratedBytes:N0} bytes generated, {Seconds:F1} s ({CpuSeconds:F1} s of processor time), peak {PeakMb} MB";
}

/// <summary>
/// Builds a <c>.net</c> text in a fresh process of this test assembly (<see cref="BuildCase"/>), killing it past a
/// time limit or a resident-memory limit, so a regression fails the test that asked instead of the machine.
/// </summary>
internal static class ChildBuild
{
    public static BuildOutcome Run(string text, TimeSpan limit, long memoryLimitMb)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netdsl-bounds-{Guid.NewGuid():N}.net");
        File.WriteAllText(path, text);
        try
        {
            return Run(path, limit, memoryLimitMb, text.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static BuildOutcome Run(string path, TimeSpan limit, long memoryLimitMb, int length)
    {
        var start = new ProcessStartInfo(Dotnet(), new[] { typeof(FreshProcess).Assembly.Location, BuildCase.Command, path })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The GC refuses to grow past the limit (an OutOfMemoryException in the child) before the watchdog below must act.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((memoryLimitMb + 512) * 1024 * 1024).ToString("X");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        long peak = 0;
        while (!process.WaitForExit(100))
        {
            peak = Math.Max(peak, ResidentMb(process.Id));
            if (clock.Elapsed > limit || peak > memoryLimitMb + 1024)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"building {length:N0} bytes of .net went past {(clock.Elapsed > limit ? $"{limit.TotalSeconds} s" : $"{memoryLimitMb + 1024} MB")} " +
                    $"(peak seen {peak} MB after {clock.Elapsed.TotalSeconds:F0} s): {output.Result}{error.Result}");
            }
        }
        var text = output.Result;
        Assert.True(process.ExitCode == 0, $"the build child ended with exit code {process.ExitCode}: {text}{error.Result}");
        string Field(string key) => text.Split('\n').First(l => l.StartsWith(key + "\t", StringComparison.Ordinal)).TrimEnd('\r')[(key.Length + 1)..];
        var errors = Field("ERRORS").Split('\t', 2);
        return new BuildOutcome(Field("DIAGNOSTICS").Split(' ', StringSplitOptions.RemoveEmptyEntries), Field("MESSAGE"), int.Parse(errors[0]), errors.Length > 1 ? errors[1] : "",
            long.Parse(Field("GENERATED_BYTES")), double.Parse(Field("SECONDS"), System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(Field("CPU_SECONDS"), System.Globalization.CultureInfo.InvariantCulture), long.Parse(Field("PEAK_MB")));
    }

    private static long ResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException)
        {
            return 0; // the child just ended
        }
    }

    /// <summary>The dotnet host of the runtime running these tests: [root]/shared/Microsoft.NETCore.App/[version]/ is the runtime's folder.</summary>
    private static string Dotnet()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
    }
}
