using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using StreamJsonRpc;

namespace NetDsl.LanguageServer.Benchmarks;

/// <summary>
/// An editor with a copy of the zoo open: the server runs in this process on pipes and is spoken to over JSON-RPC, so a
/// timing covers the framing, the serialisation and the analysis, as an editor sees them.
/// </summary>
public sealed class Editor : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _waiting = new();
    private int _version = 1;

    private Editor(string folder, JsonRpc rpc)
    {
        Folder = folder;
        _rpc = rpc;
    }

    public string Folder { get; }

    public string File { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string Uri => new Uri(File).AbsoluteUri;

    /// <summary>Copies examples/Zoo to a new folder, starts the server, opens <paramref name="name"/> and waits for its first diagnostics.</summary>
    public static async Task<Editor> Open(string name)
    {
        var repository = Repository();
        var folder = Path.Combine(Path.GetTempPath(), "netdsl-lsp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, "Zoo.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        foreach (var file in Directory.GetFiles(Path.Combine(repository, "examples", "Zoo"), "*.net")) System.IO.File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));

        var toServer = new Pipe();
        var fromServer = new Pipe();
        _ = Task.Run(() => Server.RunAsync(toServer.Reader.AsStream(), fromServer.Writer.AsStream()));
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Server.JsonOptions };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toServer.Writer.AsStream(), fromServer.Reader.AsStream(), formatter));
        var editor = new Editor(folder, rpc);
        rpc.AddLocalRpcTarget(new Notifications(editor), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        var root = new Uri(folder).AbsoluteUri;
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = Environment.ProcessId, rootUri = root, capabilities = new { }, workspaceFolders = new[] { new { uri = root, name = "zoo" } } });
        editor.File = Path.Combine(folder, name);
        editor.Text = System.IO.File.ReadAllText(editor.File);
        var opened = editor.Published(1);
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = editor.Uri, languageId = "netdsl", version = 1, text = editor.Text } });
        await opened;
        return editor;
    }

    /// <summary>Replaces the whole text (one change, as a paste) and waits for the diagnostics of that version.</summary>
    public async Task<JsonElement> Edit(string text)
    {
        var version = ++_version;
        var published = Published(version);
        Text = text;
        await _rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version }, contentChanges = new[] { new { text } } });
        return await published;
    }

    public Task<JsonElement> Request(string method, object parameters) => _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters);

    public Task<JsonElement> At(string method, int line, int character) =>
        Request(method, new { textDocument = new { uri = Uri }, position = new { line, character } });

    public Task<JsonElement> InlayHints() =>
        Request("textDocument/inlayHint", new { textDocument = new { uri = Uri }, range = new { start = new { line = 0, character = 0 }, end = new { line = Text.Count(c => c == '\n') + 1, character = 0 } } });

    /// <summary>The zero-based line and column of the first <paramref name="needle"/>, plus <paramref name="offset"/> characters.</summary>
    public (int Line, int Character) Find(string needle, int offset = 0)
    {
        var index = Text.IndexOf(needle, StringComparison.Ordinal) + offset;
        var line = Text.Take(index).Count(c => c == '\n');
        return (line, index - (Text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1));
    }

    private Task<JsonElement> Published(int version) => _waiting.GetOrAdd(version, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private sealed class Notifications
    {
        private readonly Editor _editor;

        public Notifications(Editor editor) => _editor = editor;

        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(JsonElement published)
        {
            if (published.GetProperty("uri").GetString() != _editor.Uri || published.GetProperty("version").ValueKind != JsonValueKind.Number) return;
            var version = published.GetProperty("version").GetInt32();
            _editor._waiting.GetOrAdd(version, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(published.Clone());
        }

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(JsonElement message) => Console.Error.WriteLine(message.GetProperty("message").GetString());
    }

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "NetDsl.sln"))) return directory.FullName;
        }
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "NetDsl.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("NetDsl.sln not found");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown", new { });
            await _rpc.NotifyWithParameterObjectAsync("exit", new { });
        }
        catch (ConnectionLostException)
        {
        }
        _rpc.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
