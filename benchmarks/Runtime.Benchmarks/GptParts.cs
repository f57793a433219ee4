using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// Where a GPT forward's time goes, generated against hand-written, part by part: the transformer (embeddings, blocks, final norm),
/// one block, its attention, its MLP, the output layer (tied to the token embedding) and the whole forward, each with the
/// same weights and input, eval and no gradients. Per part: the median of the calling thread's CPU time
/// (<see cref="ThreadCpuClock"/>, one intra-op thread, so a busy machine's waiting is not counted) over interleaved calls,
/// and the tensor handles each call creates (<c>Tensor.TotalCount</c>). Arguments: gpt|gpt2, calls per part.
/// </summary>
internal static class GptParts
{
    public static int Run(string[] args)
    {
        var small = args.Length == 0 || args[0] != "gpt2";
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var clock = args.Length > 3 ? args[3] : "thread";
        Clock = clock switch
        {
            "wall" => () => stopwatch.Elapsed.TotalMilliseconds,
            "process" => ThreadCpuClock.ProcessMilliseconds,
            _ => ThreadCpuClock.Milliseconds,
        };
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        var bench = new GptBenchmarks { Setting = small ? new GptBenchmarks.Case("BenchGpt", 16, 64) : new GptBenchmarks.Case("Gpt2", 1, 64) };
        bench.Setup();
        var (generated, handWritten, ids) = (bench.Generated, bench.HandWritten, bench.Ids);
        var g = generated.named_modules().ToDictionary(m => m.name, m => m.module);
        var h = handWritten.named_modules().ToDictionary(m => m.name, m => m.module);
        using var noGrad = no_grad();
        using var hidden = ((nn.Module<Tensor, Tensor>)h["transformer.wte"]).call(ids).DetachFromDisposeScope();
        nn.Module<Tensor, Tensor> Child(Dictionary<string, nn.Module> modules, string name) => (nn.Module<Tensor, Tensor>)modules[name];
        var positions = arange(ids.shape[1], dtype: ScalarType.Int64);
        var blocks = h.Where(m => m.Key.StartsWith("transformer.h.", StringComparison.Ordinal) && m.Key.Count(c => c == '.') == 2)
            .Select(m => (nn.Module<Tensor, Tensor>)m.Value).ToArray();
        var parts = new (string Name, Func<Tensor> Generated, Func<Tensor> HandWritten)[]
        {
            ("transformer",
                () => Child(g, "transformer").call(ids),
                () =>
                {
                    var x = Child(h, "transformer.wte").call(ids) + Child(h, "transformer.wpe").call(positions);
                    foreach (var block in blocks) x = block.call(x);
                    return Child(h, "transformer.ln_f").call(x);
                }),
            ("block", () => Child(g, "transformer.h.0").call(hidden), () => Child(h, "transformer.h.0").call(hidden)),
            ("attention", () => Child(g, "transformer.h.0.attn").call(hidden), () => Child(h, "transformer.h.0.attn").call(hidden)),
            ("mlp", () => Child(g, "transformer.h.0.mlp").call(hidden), () => Child(h, "transformer.h.0.mlp").call(hidden)),
            ("layer norm", () => Child(g, "transformer.ln_f").call(hidden), () => Child(h, "transformer.ln_f").call(hidden)),
            ("output layer", () => Child(g, "lm_head").call(hidden), () => nn.functional.linear(hidden, ((TorchSharp.Modules.Embedding)h["transformer.wte"]).weight!)),
            // The same call on each side's own copy of the weight: what the memory holding a tensor costs, not the code.
            ("linear, own weight", () => nn.functional.linear(hidden, ((TorchSharp.Modules.Embedding)g["transformer.wte"]).weight!), () => nn.functional.linear(hidden, ((TorchSharp.Modules.Embedding)h["transformer.wte"]).weight!)),
            ("forward", () => generated.call(ids), () => handWritten.call(ids)),
        };
        foreach (var (name, gen, hand) in parts)
        {
            var (genTimes, handTimes) = (new List<double>(), new List<double>());
            long genHandles = 0, handHandles = 0, genFaults = 0, handFaults = 0;
            for (var i = -3; i < calls; i++)
            {
                var (ht, hc, hf) = Time(hand);
                var (gt, gc, gf) = Time(gen);
                if (i < 0) continue;
                (genHandles, handHandles) = (gc, hc);
                genFaults += gf;
                handFaults += hf;
                genTimes.Add(gt);
                handTimes.Add(ht);
            }
            var (gm, hm) = (Median(genTimes), Median(handTimes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-18} hand-written {hm,9:F3} ms {handHandles,5} handles {handFaults / calls,7} faults   generated {gm,9:F3} ms {genHandles,5} handles {genFaults / calls,7} faults   ratio {gm / hm:F3}"));
        }
        return 0;
    }

    private static Func<double> Clock = ThreadCpuClock.Milliseconds;

    private static (double Milliseconds, long Handles, long Faults) Time(Func<Tensor> part)
    {
        var faults = MinorFaults();
        double start, end;
        long handles;
        using (var scope = NewDisposeScope())
        {
            handles = Tensor.TotalCount;
            start = Clock();
            part();
            end = Clock();
            handles = Tensor.TotalCount - handles;
        }
        return (end - start, handles, MinorFaults() - faults);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, SharedRss, UnsharedData, UnsharedStack, MinorFaults, MajorFaults;
        public long Swaps, BlockIn, BlockOut, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>The process's minor page faults so far: each is a page of fresh memory touched for the first time.</summary>
    private static long MinorFaults()
    {
        GetResourceUsage(0, out var usage);
        return usage.MinorFaults;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
