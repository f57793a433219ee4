using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Cli;

/// <summary>
/// <c>netdsl export FORMAT files... [-o FILE] [--network NAME]... [--arg name=value]...</c>: writes to the file, or to
/// standard output without -o; arguments replace the defaults of the one network named.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Every export format, by its name on the command line.</summary>
    public static readonly IReadOnlyList<IExportFormat> Formats = new IExportFormat[] { new PyTorchFormat() };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0) throw new UsageException($"give the format to export to: {string.Join(", ", Formats.Select(f => f.Name))}");
        var format = Formats.FirstOrDefault(f => f.Name == args[0])
                     ?? throw new UsageException($"unknown export format '{args[0]}'; formats: {string.Join(", ", Formats.Select(f => f.Name))}");
        var arguments = Arguments.Parse(args.Skip(1).ToList(), new Dictionary<string, string> { ["-o"] = "-o", ["--output"] = "-o", ["--network"] = "--network", ["-n"] = "--network", ["--arg"] = "--arg", ["-a"] = "--arg" });
        var sources = SourceFiles.Read(arguments.Positional);
        var path = arguments.Single("-o");
        var values = arguments.Pairs("--arg");
        if (path is null)
        {
            using var buffer = new MemoryStream();
            var code = format.Export(sources, arguments.All("--network"), values, buffer, error);
            output.Write(new System.Text.UTF8Encoding(false).GetString(buffer.ToArray()));
            return code;
        }
        // Written beside the target and moved over it only when the export succeeded: a failed export leaves an existing file as it was.
        var temporary = path + ".tmp";
        int result;
        using (var file = File.Create(temporary)) result = format.Export(sources, arguments.All("--network"), values, file, error);
        if (result != ExitCodes.Success)
        {
            File.Delete(temporary);
            return result;
        }
        File.Move(temporary, path, overwrite: true);
        output.WriteLine($"netdsl export {format.Name}: wrote {path}");
        return result;
    }
}
