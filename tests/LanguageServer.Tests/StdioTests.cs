using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>The server as an editor starts it: its own process, LSP on stdin and stdout.</summary>
public sealed class StdioTests
{
    [Fact]
    public async Task The_server_process_answers_over_stdio_and_exits_when_told()
    {
        using var workspace = TestWorkspace.WithExamples("Networks");
        var server = Path.Combine(AppContext.BaseDirectory, "NetDsl.LanguageServer.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{server}\"")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var client = LspClient.OverStdio(process);
        try
        {
            var initialized = await client.Initialize(workspace.Root);
            var capabilities = initialized.GetProperty("capabilities");
            foreach (var capability in new[] { "hoverProvider", "inlayHintProvider", "completionProvider", "definitionProvider", "referencesProvider", "renameProvider", "documentSymbolProvider", "documentFormattingProvider", "signatureHelpProvider" })
            {
                Assert.True(capabilities.TryGetProperty(capability, out _), capability);
            }
            var file = workspace.Path("SmallCnn.net");
            var text = File.ReadAllText(file);
            await client.Open(file, text);
            Assert.Equal(0, (await client.Diagnostics(file)).GetProperty("diagnostics").GetArrayLength());
            var (line, character) = Documents.Find(text, "flatten");
            var hover = await client.At("textDocument/hover", file, line, character);
            Assert.Contains("**[3136]**", hover.GetProperty("contents").GetProperty("value").GetString());
        }
        finally
        {
            await client.DisposeAsync();
        }
        Assert.True(process.WaitForExit(10_000), "the server did not exit after 'exit'");
        Assert.Equal(0, process.ExitCode);
    }
}
