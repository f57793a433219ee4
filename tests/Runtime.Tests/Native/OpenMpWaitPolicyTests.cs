using System;
using System.Diagnostics;
using System.IO;
using NetDsl.Runtime.Tests.Hostile;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

/// <summary>
/// TorchNative.EnsureLoaded sets OMP_WAIT_POLICY=PASSIVE for libtorch's OpenMP (GNU libgomp here) unless the user set
/// it. libgomp reads the variable once, when it loads, so each case runs in a fresh process (this test assembly's
/// <see cref="FreshProcess"/>), where libgomp's OMP_DISPLAY_ENV=VERBOSE report shows what it read: GOMP_SPINCOUNT is 0
/// when passive, 30,000,000,000 when active, 300,000 when the variable is unset.
/// </summary>
public sealed class OpenMpWaitPolicyTests
{
    [Fact]
    public void EnsureLoaded_WithoutOmpWaitPolicy_MakesOpenMpPassive_BeforeItLoads()
    {
        var (output, openMpReport) = LoadTorchInNewProcess(waitPolicy: null);

        Assert.Contains("OMP_WAIT_POLICY=PASSIVE", output);
        Assert.Contains("GOMP_SPINCOUNT = '0'", openMpReport);
    }

    [Fact]
    public void EnsureLoaded_KeepsTheUsersOmpWaitPolicy()
    {
        var (output, openMpReport) = LoadTorchInNewProcess(waitPolicy: "ACTIVE");

        Assert.Contains("OMP_WAIT_POLICY=ACTIVE", output);
        Assert.Contains("GOMP_SPINCOUNT = '30000000000'", openMpReport);
    }

    private static (string Output, string OpenMpReport) LoadTorchInNewProcess(string? waitPolicy)
    {
        var start = new ProcessStartInfo(ChildProcess.Dotnet(), new[] { typeof(FreshProcess).Assembly.Location, FreshProcess.LoadTorch })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMP_WAIT_POLICY");
        if (waitPolicy is not null)
            start.Environment["OMP_WAIT_POLICY"] = waitPolicy;
        start.Environment["OMP_DISPLAY_ENV"] = "VERBOSE";

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the child process did not exit");
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {error.Result}");
        Assert.Contains("OPENMP DISPLAY ENVIRONMENT", error.Result);
        return (output, error.Result);
    }
}
