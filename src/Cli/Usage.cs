using System.IO;

namespace NetDsl.Cli;

internal static class Usage
{
    public const string Text = """
usage: netdsl <command> [arguments]

commands:
  check <files|folders>...                          the build's diagnostics for the .net files (folders: every
                                                     .net file below them); exit code 1 when there are errors
  summary <files|folders>... [--network NAME]... [--arg NAME=VALUE]...
                                                     each network's summary (layers with their evaluated arguments,
                                                     shapes, parameters, mult-adds); --arg as for export
  export <format> <files|folders>... [-o FILE] [--network NAME]... [--arg NAME=VALUE]...
                                                     writes the networks in another framework's form (formats:
                                                     pytorch); --arg gives the one network named other arguments

""";

    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"netdsl: {message}");
        error.WriteLine("run 'netdsl --help' for the commands");
        return ExitCodes.Usage;
    }
}
