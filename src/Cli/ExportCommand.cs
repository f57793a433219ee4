using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Cli;

/// <summary>
/// <c>netdsl export FORMAT files... [-o FILE] [--network NAME]... [--arg name=value]... [--weights FILE]</c>: writes to the
/// file, or to standard output without -o (text formats); arguments replace the defaults of the one network named.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Every export format, by its name on the command line.</summary>
    public static readonly IReadOnlyList<IExportFormat> Formats = new IExportFormat[] { new PyTorchFormat(), new OnnxFormat() };

    private static readonly Dictionary<string, string> Options = new()
    {
        ["-o"] = "-o", ["--output"] = "-o", ["--out"] = "-o",
        ["--network"] = "--network", ["-n"] = "--network",
        ["--arg"] = "--arg", ["-a"] = "--arg", ["--arguments"] = "--arguments",
        ["--weights"] = "--weights", ["-w"] = "--weights",
    };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0) throw new UsageException($"give the format to export to: {string.Join(", ", Formats.Select(f => f.Name))}");
        var format = Formats.FirstOrDefault(f => f.Name == args[0])
                     ?? throw new UsageException($"unknown export format '{args[0]}'; formats: {string.Join(", ", Formats.Select(f => f.Name))}");
        var arguments = Arguments.Parse(args.Skip(1).ToList(), Options);
        var sources = SourceFiles.Read(arguments.Positional);
        var path = arguments.Single("-o");
        var weights = arguments.Single("--weights");
        if (weights is not null && !format.TakesWeights) throw new UsageException($"export {format.Name} writes no weights; --weights is for: {string.Join(", ", Formats.Where(f => f.TakesWeights).Select(f => f.Name))}");
        if (path is null && format.Binary) throw new UsageException($"export {format.Name} writes a binary file: give it with -o FILE{format.Extension}");
        var request = new ExportRequest(arguments.All("--network"), arguments.Pairs("--arg", "--arguments"), weights);
        if (path is null)
        {
            using var buffer = new MemoryStream();
            var code = format.Export(sources, request, buffer, error);
            output.Write(new System.Text.UTF8Encoding(false).GetString(buffer.ToArray()));
            return code;
        }
        // Written beside the target and moved over it only when the export succeeded: a failed export leaves an existing file as it was.
        var temporary = path + ".tmp";
        int result;
        try
        {
            using (var file = File.Create(temporary)) result = format.Export(sources, request, file, error);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
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
