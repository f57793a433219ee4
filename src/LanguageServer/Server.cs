using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.Threading;
using NetDsl.Analysis;
using NetDsl.LanguageServer.Protocol;
using StreamJsonRpc;

namespace NetDsl.LanguageServer;

/// <summary>
/// The language server: LSP over JSON-RPC (StreamJsonRpc), one message at a time in arrival order. Every answer comes
/// from src/Dsl: diagnostics from the build's compiler, everything else from its Analysis folder. A failure inside one
/// request is logged and answered empty; the server keeps running.
/// </summary>
public sealed class Server
{
    private readonly Workspace _workspace = new();
    private readonly Dictionary<string, Protocol.Diagnostic[]> _published = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpc? _rpc;

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serves one client on a pair of streams until it exits or disconnects.</summary>
    public static async Task RunAsync(Stream input, Stream output)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = JsonOptions };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var server = new Server { _rpc = rpc };
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        try
        {
            // After 'exit' the process ends without waiting for the reader, which may sit in a read of stdin.
            await Task.WhenAny(rpc.Completion, server._exited.Task);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or ConnectionLostException)
        {
            // The client went away.
        }
        finally
        {
            rpc.Dispose();
        }
    }

    [JsonRpcMethod("initialize")]
    public object Initialize(InitializeParams request)
    {
        foreach (var folder in request.WorkspaceFolders ?? Array.Empty<WorkspaceFolder>())
        {
            if (DocumentPaths.ToPath(folder.Uri) is { } path) _workspace.AddRoot(path);
        }
        if (request.WorkspaceFolders is not { Length: > 0 } && request.RootUri is { } root && DocumentPaths.ToPath(root) is { } rootPath) _workspace.AddRoot(rootPath);
        return new
        {
            capabilities = new
            {
                textDocumentSync = new { openClose = true, change = 2 },
                hoverProvider = true,
                inlayHintProvider = true,
                completionProvider = new { triggerCharacters = new[] { ".", "(", "," } },
                signatureHelpProvider = new { triggerCharacters = new[] { "(", "," } },
                definitionProvider = true,
                referencesProvider = true,
                renameProvider = new { prepareProvider = true },
                documentSymbolProvider = true,
                documentFormattingProvider = true,
            },
            serverInfo = new { name = "netdsl", version = typeof(Server).Assembly.GetName().Version?.ToString() },
        };
    }

    [JsonRpcMethod("initialized")]
    public void Initialized(JsonElement request)
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown() => null;

    [JsonRpcMethod("exit")]
    public void Exit() => _exited.TrySetResult();

    [JsonRpcMethod("textDocument/didOpen")]
    public Task DidOpen(DidOpenTextDocumentParams request)
    {
        if (DocumentPaths.ToPath(request.TextDocument.Uri) is not { } path) return Task.CompletedTask;
        var isNew = !_workspace.Open.ContainsKey(path) && !File.Exists(path);
        _workspace.Open[path] = (request.TextDocument.Text, request.TextDocument.Version);
        var project = _workspace.ProjectOf(path);
        if (isNew) project.Rescan();
        return Reanalyze(project, path);
    }

    [JsonRpcMethod("textDocument/didChange")]
    public Task DidChange(DidChangeTextDocumentParams request)
    {
        if (DocumentPaths.ToPath(request.TextDocument.Uri) is not { } path) return Task.CompletedTask;
        var text = _workspace.Text(path) ?? "";
        foreach (var change in request.ContentChanges)
        {
            if (change.Range is null) text = change.Text;
            else
            {
                var lines = new LineIndex(text);
                var start = lines.Offset(change.Range.Start);
                var end = Math.Max(start, lines.Offset(change.Range.End));
                text = text.Substring(0, start) + change.Text + text.Substring(end);
            }
        }
        _workspace.Open[path] = (text, request.TextDocument.Version);
        return Reanalyze(_workspace.ProjectOf(path), path);
    }

    [JsonRpcMethod("textDocument/didClose")]
    public Task DidClose(DidCloseTextDocumentParams request)
    {
        if (DocumentPaths.ToPath(request.TextDocument.Uri) is not { } path) return Task.CompletedTask;
        _workspace.Open.Remove(path);
        var project = _workspace.ProjectOf(path);
        if (!File.Exists(path)) project.Rescan();
        return Reanalyze(project);
    }

    [JsonRpcMethod("textDocument/didSave")]
    public void DidSave(JsonElement request)
    {
    }

    [JsonRpcMethod("workspace/didChangeWatchedFiles")]
    public async Task DidChangeWatchedFiles(DidChangeWatchedFilesParams request)
    {
        var projects = new HashSet<Project>();
        foreach (var change in request.Changes)
        {
            if (DocumentPaths.ToPath(change.Uri) is not { } path) continue;
            var project = _workspace.ProjectOf(path);
            if (change.Type != 2) project.Rescan();
            projects.Add(project);
        }
        foreach (var project in projects) await Reanalyze(project);
    }

    [JsonRpcMethod("textDocument/hover")]
    public Protocol.Hover? Hover(TextDocumentPositionParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return null;
        var offset = document.Lines.Offset(request.Position);
        return Hovers.At(document.Snapshot, document.Path, offset) is { } hover
            ? new Protocol.Hover(MarkupContent.Markdown(hover.Markdown), document.Lines.Range(hover.Range))
            : null;
    });

    [JsonRpcMethod("textDocument/inlayHint")]
    public Protocol.InlayHint[] InlayHint(InlayHintParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return Array.Empty<Protocol.InlayHint>();
        var from = document.Lines.Offset(request.Range.Start);
        var to = document.Lines.Offset(request.Range.End);
        return InlayHints.For(document.Snapshot, document.Path)
            .Where(h => h.Offset >= from && h.Offset <= to)
            .Select(h => new Protocol.InlayHint(document.Lines.Position(h.Offset), h.Label, 1, MarkupContent.Markdown(h.Tooltip), PaddingLeft: true))
            .ToArray();
    }) ?? Array.Empty<Protocol.InlayHint>();

    [JsonRpcMethod("textDocument/completion")]
    public CompletionList Completion(TextDocumentPositionParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return new CompletionList(false, Array.Empty<CompletionItem>());
        var offset = document.Lines.Offset(request.Position);
        var items = Completions.At(document.Snapshot, document.Path, document.Text, offset)
            .Select((entry, index) => new CompletionItem(
                entry.Label,
                Translate.CompletionKind(entry.Kind),
                entry.Detail,
                MarkupContent.Markdown(entry.Documentation),
                new Protocol.TextEdit(document.Lines.Range(entry.Replace), entry.InsertText),
                entry.IsSnippet ? 2 : 1,
                Order(entry.Kind) + entry.Label))
            .ToArray();
        return new CompletionList(false, items);
    }) ?? new CompletionList(false, Array.Empty<CompletionItem>());

    [JsonRpcMethod("textDocument/signatureHelp")]
    public Protocol.SignatureHelp? SignatureHelp(TextDocumentPositionParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return null;
        var signature = SignatureHelps.At(document.Snapshot, document.Path, document.Text, document.Lines.Offset(request.Position));
        if (signature is null) return null;
        var parameters = signature.Parameters.Select(p => new ParameterInformation(new[] { p.Start, p.End }, MarkupContent.Markdown(p.Documentation))).ToArray();
        return new Protocol.SignatureHelp(new[] { new SignatureInformation(signature.Label, MarkupContent.Markdown(signature.Documentation), parameters) }, 0, signature.Active);
    });

    [JsonRpcMethod("textDocument/definition")]
    public Location[] Definition(TextDocumentPositionParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return Array.Empty<Location>();
        var occurrence = document.Snapshot.Symbols.At(document.Path, document.Lines.Offset(request.Position));
        if (occurrence is null) return Array.Empty<Location>();
        var symbol = occurrence.Symbol;
        return new[] { Locate(symbol.Path, symbol.NameRange) };
    }) ?? Array.Empty<Location>();

    [JsonRpcMethod("textDocument/references")]
    public Location[] References(ReferenceParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return Array.Empty<Location>();
        var occurrence = document.Snapshot.Symbols.At(document.Path, document.Lines.Offset(request.Position));
        if (occurrence is null) return Array.Empty<Location>();
        var includeDeclaration = request.Context?.IncludeDeclaration ?? true;
        return document.Snapshot.Symbols.References(occurrence.Symbol)
            .Where(o => includeDeclaration || !o.IsDefinition)
            .Select(o => Locate(o.Path, o.Range))
            .ToArray();
    }) ?? Array.Empty<Location>();

    [JsonRpcMethod("textDocument/prepareRename")]
    public PrepareRenameResult? PrepareRename(TextDocumentPositionParams request)
    {
        if (Document(request.TextDocument.Uri) is not { } document) return null;
        var occurrence = Renames.Prepare(document.Snapshot, document.Path, document.Lines.Offset(request.Position));
        if (occurrence is null) throw new LocalRpcException("only a block, a parameter, a value, an input or a label can be renamed here") { ErrorCode = -32803 };
        return new PrepareRenameResult(document.Lines.Range(occurrence.Range), Slice(document.Text, occurrence.Range));
    }

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit Rename(RenameParams request)
    {
        if (Document(request.TextDocument.Uri) is not { } document) return new WorkspaceEdit(new Dictionary<string, Protocol.TextEdit[]>());
        var result = Renames.Rename(document.Snapshot, document.Path, document.Lines.Offset(request.Position), request.NewName);
        if (result.Error is { } error) throw new LocalRpcException(error) { ErrorCode = -32803 };
        var changes = new Dictionary<string, Protocol.TextEdit[]>();
        foreach (var file in result.Edits.GroupBy(e => e.Path))
        {
            var lines = new LineIndex(_workspace.Text(file.Key) ?? "");
            changes[DocumentPaths.ToUri(file.Key)] = file.Select(e => new Protocol.TextEdit(lines.Range(e.Range), e.NewText)).ToArray();
        }
        return new WorkspaceEdit(changes);
    }

    [JsonRpcMethod("textDocument/documentSymbol")]
    public DocumentSymbol[] DocumentSymbols(DocumentSymbolParams request) => Guard(() =>
    {
        if (Document(request.TextDocument.Uri) is not { } document) return Array.Empty<DocumentSymbol>();
        DocumentSymbol Convert(OutlineItem item) => new(
            item.Symbol.Name,
            item.Symbol.Kind.ToString().ToLowerInvariant(),
            Translate.SymbolKind(item.Symbol.Kind),
            document.Lines.Range(item.Symbol.Range),
            document.Lines.Range(item.Symbol.NameRange),
            item.Children.Select(Convert).ToArray());
        return Outline.For(document.Snapshot, document.Path).Select(Convert).ToArray();
    }) ?? Array.Empty<DocumentSymbol>();

    [JsonRpcMethod("textDocument/formatting")]
    public Protocol.TextEdit[] Formatting(DocumentFormattingParams request) => Guard(() =>
    {
        if (DocumentPaths.ToPath(request.TextDocument.Uri) is not { } path || _workspace.Text(path) is not { } text) return Array.Empty<Protocol.TextEdit>();
        var formatted = DslFormatter.Format(text);
        if (formatted is null || formatted == text) return Array.Empty<Protocol.TextEdit>();
        return new[] { TextDiff.Edit(text, formatted) };
    }) ?? Array.Empty<Protocol.TextEdit>();

    private sealed record OpenDocument(string Path, string Text, LineIndex Lines, ProjectSnapshot Snapshot);

    /// <summary>A document with its project analysed (open documents are; a closed one is analysed on demand).</summary>
    private OpenDocument? Document(string uri)
    {
        if (DocumentPaths.ToPath(uri) is not { } path || _workspace.Text(path) is not { } text) return null;
        var project = _workspace.ProjectOf(path);
        var snapshot = project.Snapshot is { } known && known.Files.TryGetValue(path, out var file) && file.Text == text
            ? known
            : project.Analyze(_workspace.OpenTexts);
        return new OpenDocument(path, text, new LineIndex(text), snapshot);
    }

    /// <summary>
    /// Analyses a project again and publishes the diagnostics of its files that changed, and always those of
    /// <paramref name="edited"/> (with the version just received, so the editor knows they are current).
    /// </summary>
    private async Task Reanalyze(Project project, string? edited = null)
    {
        ProjectSnapshot snapshot;
        try
        {
            snapshot = project.Analyze(_workspace.OpenTexts);
        }
        catch (Exception error)
        {
            await Log(error);
            return;
        }
        var byFile = snapshot.Diagnostics.GroupBy(d => d.Span.Path).ToDictionary(g => g.Key, g => g.Select(Translate.Diagnostic).ToArray(), StringComparer.Ordinal);
        var paths = snapshot.Files.Keys.Concat(_published.Keys.Where(project.Contains)).Distinct().ToList();
        foreach (var path in paths)
        {
            var diagnostics = byFile.TryGetValue(path, out var found) ? found : Array.Empty<Protocol.Diagnostic>();
            if (path != edited && _published.TryGetValue(path, out var previous) && previous.SequenceEqual(diagnostics, DiagnosticComparer.Instance)) continue;
            _published[path] = diagnostics;
            int? version = _workspace.Open.TryGetValue(path, out var open) ? open.Version : null;
            await _rpc!.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(DocumentPaths.ToUri(path), version, diagnostics));
        }
    }

    private T? Guard<T>(Func<T?> answer)
        where T : class
    {
        try
        {
            return answer();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _ = Log(error);
            return null;
        }
    }

    private Task Log(Exception error) =>
        _rpc?.NotifyWithParameterObjectAsync("window/logMessage", new { type = 1, message = "NetDsl language server: " + error }) ?? Task.CompletedTask;

    private Location Locate(string path, Syntax.TextRange range) =>
        new(DocumentPaths.ToUri(path), new LineIndex(_workspace.Text(path) ?? "").Range(range));

    private static string Slice(string text, Syntax.TextRange range) => text.Substring(range.Start, Math.Min(range.Length, text.Length - range.Start));

    /// <summary>Completions sort by kind first: arguments, then values, then ops and blocks, then keywords.</summary>
    private static string Order(Analysis.CompletionKind kind) => kind switch
    {
        Analysis.CompletionKind.Argument or Analysis.CompletionKind.Member => "0",
        Analysis.CompletionKind.Value or Analysis.CompletionKind.Parameter => "1",
        Analysis.CompletionKind.Op or Analysis.CompletionKind.Block or Analysis.CompletionKind.Merge => "2",
        _ => "3",
    };
}
