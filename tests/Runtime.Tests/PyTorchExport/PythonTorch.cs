using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace NetDsl.Runtime.Tests.PyTorchExport;

/// <summary>
/// The python3 with PyTorch that the export tests run: $NETDSL_PYTHON, else Debian's /usr/bin/python3, else python3 on
/// the PATH. Missing torch fails the test with the way to install it (scripts/ensure-python.sh, which
/// tests/run-all.sh runs first), never skips it.
/// </summary>
internal static class PythonTorch
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    private static string Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("NETDSL_PYTHON"), "/usr/bin/python3", "python3" };
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate) || (candidate.Contains('/') && !File.Exists(candidate))) continue;
            var (code, _, _) = Run(candidate, TimeSpan.FromSeconds(120), "-c", "import torch");
            if (code == 0) return candidate;
        }
        throw new InvalidOperationException(
            "these tests need python3 with PyTorch (1.13 or later) and found none ($NETDSL_PYTHON, /usr/bin/python3, python3 on the PATH); " +
            "install it with 'bash scripts/ensure-python.sh' (Debian's python3-torch through apt, as tests/run-all.sh does) " +
            "or point NETDSL_PYTHON at a python3 that has torch");
    }

    /// <summary>Runs python with <paramref name="arguments"/>; the exit code, standard output and standard error.</summary>
    public static (int Code, string Output, string Error) Run(string python, TimeSpan timeout, params string[] arguments) =>
        Run(python, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>Runs python with <paramref name="arguments"/> and these environment variables set.</summary>
    public static (int Code, string Output, string Error) Run(string python, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{python} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
