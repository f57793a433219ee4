using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace NetDsl.LanguageServer.Benchmarks;

/// <summary>
/// The zoo's largest file (InceptionV4.net: Inception-v4 and Inception-ResNet-v2 with their blocks), open in a warm
/// server with the rest of the zoo (14 files) as its project. Each edit changes the file (a dropout rate, so the text
/// differs from the last one) and waits for the diagnostics of that version; that re-checks both networks and every
/// block of the file.
/// </summary>
[MemoryDiagnoser]
public class ServerBenchmarks
{
    private Editor _editor = null!;
    private string _original = "";
    private int _edits;
    private (int Line, int Character) _reduction;

    [GlobalSetup]
    public async Task Setup()
    {
        _editor = await Editor.Open("InceptionV4.net");
        _original = _editor.Text;
        _reduction = _editor.Find("  ReductionA(192", offset: 4);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _editor.DisposeAsync();

    [Benchmark(Description = "edit -> publishDiagnostics")]
    public Task<JsonElement> DiagnosticsAfterEdit() =>
        _editor.Edit(_original.Replace("dropout(0.2)", "dropout(0." + (1 + (++_edits % 8)) + ")"));

    [Benchmark(Description = "hover (block call)")]
    public Task<JsonElement> Hover() => _editor.At("textDocument/hover", _reduction.Line, _reduction.Character);

    [Benchmark(Description = "inlay hints (whole file)")]
    public Task<JsonElement> InlayHints() => _editor.InlayHints();

    [Benchmark(Description = "completion (in a call)")]
    public Task<JsonElement> Completion() => _editor.At("textDocument/completion", _reduction.Line, _reduction.Character + 11);
}
