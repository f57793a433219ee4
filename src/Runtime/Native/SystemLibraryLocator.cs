using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Finds the file the dynamic loader would bind to a DT_NEEDED name such as "libstdc++.so.6", following glibc's
/// order as far as it matters here: an object already loaded under that soname wins (the .NET runtime itself
/// links libstdc++, so this is normally the definitive answer), then LD_LIBRARY_PATH, then the requester's
/// RUNPATH folders, then the ld.so cache, then the standard library folders.
/// </summary>
internal static class SystemLibraryLocator
{
    public static string? Locate(string soname, IEnumerable<string> runpathFolders)
    {
        return FindLoaded(soname)
            ?? FindInFolders(soname, LdLibraryPathFolders())
            ?? FindInFolders(soname, runpathFolders)
            ?? FindInLdconfigCache(soname)
            ?? FindInFolders(soname, StandardFolders());
    }

    /// <summary>A mapped file in this process whose DT_SONAME is <paramref name="soname"/>.</summary>
    internal static string? FindLoaded(string soname)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/maps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The maps file shows the real file (libstdc++.so.6.0.30), not the soname symlink, so match by prefix and
        // confirm with the file's own DT_SONAME.
        var candidates = lines
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..].Trim() : null)
            .Where(path => path is not null && !path.EndsWith(" (deleted)", StringComparison.Ordinal))
            .Select(path => path!)
            .Where(path => Path.GetFileName(path) is var name && (name == soname || name.StartsWith(soname + ".", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal);
        return candidates.FirstOrDefault(path => HasSoname(path, soname));
    }

    /// <summary>Parses `ldconfig -p` output, keeping entries built for this process's architecture.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseLdconfigOutput(string output, Architecture architecture)
    {
        // Lines look like: "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6"
        var archTag = architecture switch
        {
            Architecture.X64 => "x86-64",
            Architecture.Arm64 => "AArch64",
            _ => null,
        };
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            var open = line.IndexOf(" (", StringComparison.Ordinal);
            if (arrow < 0 || open < 0 || open > arrow)
                continue;
            var close = line.LastIndexOf(')', arrow);
            if (close < open)
                continue;
            var flags = line[(open + 2)..close];
            // 32-bit libc6 entries carry no architecture tag; on a 64-bit process they must be skipped.
            if (archTag is not null && !flags.Contains(archTag, StringComparison.Ordinal))
                continue;
            entries.Add(new KeyValuePair<string, string>(line[..open], line[(arrow + 4)..].Trim()));
        }
        return entries;
    }

    private static string? FindInFolders(string soname, IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            if (string.IsNullOrEmpty(folder))
                continue;
            var candidate = Path.Combine(folder, soname);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static string? FindInLdconfigCache(string soname)
    {
        var output = RunLdconfig();
        if (output is null)
            return null;
        return ParseLdconfigOutput(output, RuntimeInformation.ProcessArchitecture)
            .Where(entry => entry.Key == soname && File.Exists(entry.Value))
            .Select(entry => entry.Value)
            .FirstOrDefault();
    }

    private static string? RunLdconfig()
    {
        // ldconfig lives in /sbin, which is often not on a normal user's PATH.
        var executable = new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" }.FirstOrDefault(File.Exists);
        if (executable is null)
            return null;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, "-p")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? stdout.GetAwaiter().GetResult() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static IEnumerable<string> LdLibraryPathFolders() =>
        (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> StandardFolders()
    {
        var triplet = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            _ => null,
        };
        if (triplet is not null)
        {
            yield return "/lib/" + triplet;
            yield return "/usr/lib/" + triplet;
        }
        yield return "/lib64";
        yield return "/usr/lib64";
        yield return "/lib";
        yield return "/usr/lib";
    }

    private static bool HasSoname(string path, string soname)
    {
        try
        {
            return ElfDynamicReader.Read(ElfFile.Read(path)).Soname == soname;
        }
        catch (ElfFormatException)
        {
            return false;
        }
    }
}
