using System;
using NetDsl.Generator.Tests.Bounds;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The test assembly's entry point (instead of the test SDK's empty one), for tests that need a fresh process:
/// <c>dotnet NetDsl.Generator.Tests.dll build FILE</c> runs the generator on one <c>.net</c> file and compiles what it
/// wrote, as a build does (see <see cref="BuildCase"/>), so a blow-up in time or memory fails its test instead of the
/// test run.
/// </summary>
public static class FreshProcess
{
    public static int Main(string[] args)
    {
        if (args is [BuildCase.Command, var path]) return BuildCase.Run(path);
        Console.Error.WriteLine($"usage: dotnet NetDsl.Generator.Tests.dll {BuildCase.Command} FILE");
        return 2;
    }
}
