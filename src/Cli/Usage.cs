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
                                                     writes the networks in another framework's form; --arg (or
                                                     --arguments a=1,b=2) gives the one network named other arguments
         pytorch                                     one Python file with an nn.Module per network (standard output
                                                     without -o)
         onnx  -o FILE.onnx [--weights FILE.safetensors]
                                                     one network (--network NAME when the files declare several) as an
                                                     ONNX model, opset 17; the weights from a safetensors file, checked
                                                     key by key and shape by shape; without --weights every weight is
                                                     an input of the graph (the file shows the structure)
  diagram <files|folders>... [--network NAME]... [--format svg|mermaid]... [--out DIR] [--blocks linked|inline]
                                                     writes each network's diagram, NAME.svg and/or NAME.mmd, and one
                                                     per block it calls, into DIR (default: the current folder)

""";

    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"netdsl: {message}");
        error.WriteLine("run 'netdsl --help' for the commands");
        return ExitCodes.Usage;
    }
}
