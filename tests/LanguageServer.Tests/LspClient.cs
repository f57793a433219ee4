using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NetDsl.LanguageServer;
using StreamJsonRpc;

namespace NetDsl.LanguageServerTests;

/// <summary>
/// An editor's side of the protocol: JSON-RPC with LSP framing to a server on a pair of pipes (in this process) or on a
/// process's stdio. Answers are raw JSON, so tests read the field names an editor reads.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly Task _server;
    private readonly ConcurrentQueue<JsonElement> _diagnostics = new();
    private readonly SemaphoreSlim _published = new(0);

    private LspClient(Stream toServer, Stream fromServer, Task server)
    {
        _server = server;
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Server.JsonOptions };
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toServer, fromServer, formatter));
        _rpc.AddLocalRpcTarget(new Notifications(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    /// <summary>Messages the server logged (its errors).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>A server in this process, on pipes.</summary>
    public static LspClient InProcess()
    {
        var toServer = new Pipe();
        var fromServer = new Pipe();
        var server = Task.Run(() => Server.RunAsync(toServer.Reader.AsStream(), fromServer.Writer.AsStream()));
        return new LspClient(toServer.Writer.AsStream(), fromServer.Reader.AsStream(), server);
    }

    /// <summary>A server in another process, on its stdio, as the VS Code extension starts it.</summary>
    public static LspClient OverStdio(System.Diagnostics.Process process) =>
        new(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, process.WaitForExitAsync());

    public async Task<JsonElement> Initialize(string rootFolder)
    {
        var result = await Request("initialize", new { processId = Environment.ProcessId, rootUri = Uri(rootFolder), capabilities = new { }, workspaceFolders = new[] { new { uri = Uri(rootFolder), name = "root" } } });
        await _rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return result;
    }

    public Task<JsonElement> Request(string method, object parameters) => _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters);

    public Task Notify(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task Open(string path, string text, int version = 1) =>
        Notify("textDocument/didOpen", new { textDocument = new { uri = Uri(path), languageId = "netdsl", version, text } });

    public Task Change(string path, int version, object change) =>
        Notify("textDocument/didChange", new { textDocument = new { uri = Uri(path), version }, contentChanges = new[] { change } });

    public Task<JsonElement> At(string method, string path, int line, int character) =>
        Request(method, new { textDocument = new { uri = Uri(path) }, position = new { line, character } });

    /// <summary>The next diagnostics published for <paramref name="path"/> (earlier ones for it are skipped).</summary>
    public async Task<JsonElement> Diagnostics(string path, TimeSpan? timeout = null)
    {
        var uri = Uri(path);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            while (_diagnostics.TryDequeue(out var published))
            {
                if (published.GetProperty("uri").GetString() == uri) return published;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _published.WaitAsync(left)) throw new TimeoutException($"no diagnostics were published for {path}");
        }
    }

    /// <summary>Forgets diagnostics published so far.</summary>
    public void ClearDiagnostics()
    {
        while (_diagnostics.TryDequeue(out _))
        {
        }
    }

    public static string Uri(string path) => new Uri(path).AbsoluteUri;

    /// <summary>What the server tells the editor unasked.</summary>
    private sealed class Notifications
    {
        private readonly LspClient _client;

        public Notifications(LspClient client) => _client = client;

        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(JsonElement published)
        {
            _client._diagnostics.Enqueue(published.Clone());
            _client._published.Release();
        }

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(JsonElement message) => _client.Log.Enqueue(message.GetProperty("message").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Request("shutdown", new { });
            await Notify("exit", new { });
            await _server.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception error) when (error is ConnectionLostException or ObjectDisposedException or TimeoutException)
        {
            // Already gone.
        }
        _rpc.Dispose();
    }
}
