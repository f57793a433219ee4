using System;
using System.IO;

namespace NetDsl.Cli.Tests;

/// <summary>
/// What every command test needs: a folder of its own for the files it writes (deleted afterwards) and a way to run
/// the tool in process and read back its exit code and both streams.
/// </summary>
public abstract class CommandTestFolder : IDisposable
{
    protected CommandTestFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "netdsl-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    protected string Folder { get; }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Writes <paramref name="text"/> at <paramref name="name"/> (a path below the folder) and returns its full path.</summary>
    protected string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    protected string Write(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <c>netdsl</c> with <paramref name="args"/> as <see cref="Program.Run"/> does for the real tool.</summary>
    protected static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string PathOf(string name)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
