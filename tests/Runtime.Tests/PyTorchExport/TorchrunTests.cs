using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Emit;
using NetDsl.Examples;
using NetDsl.Runtime.Tests.Zoo;
using NetDsl.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;
using WeightFiles = NetDsl.Runtime.Weights.Weights;

namespace NetDsl.Runtime.Tests.PyTorchExport;

/// <summary>
/// The torchrun recipe (examples/Torchrun/train_ddp.py, docs/export-pytorch.md): TinyVit, exported to PyTorch and
/// started from NetDsl's weights, trains 6 steps of a global batch of 8 with torchrun on 2 processes (gloo, loopback
/// only, bounded in time) to the same weights as one process with the whole batch, within 1e-5; the result loads back
/// into the TorchSharp module exactly.
/// </summary>
[Collection(PyTorchCollection.Name)]
public sealed class TorchrunTests
{
    private const int Steps = 6;

    [Fact]
    public void Two_processes_train_to_the_weights_of_one_and_the_result_loads_into_the_torchsharp_module()
    {
        TorchNative.EnsureLoaded();
        var python = PythonTorch.Path;
        var folder = Path.Combine(Path.GetTempPath(), "netdsl-torchrun", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var sources = Directory.GetFiles(Path.Combine(ZooFiles.Root, "examples", "Networks"), "*.net").Select(f => new DslSource(f, File.ReadAllText(f))).ToList();
            var export = PyTorchEmitter.Export(sources, new[] { "TinyVit" });
            Assert.True(export.Succeeded, string.Join("\n", export.Errors));
            var model = Path.Combine(folder, "tinyvit.py");
            File.WriteAllText(model, export.Text);

            using var scope = NewDisposeScope();
            manual_seed(5);
            var network = new TinyVit();
            var init = Path.Combine(folder, "init.pt");
            network.SaveWeights(init);

            var script = Path.Combine(ZooFiles.Root, "examples", "Torchrun", "train_ddp.py");
            string[] Arguments(string output) => new[] { "--model", model, "--network", "TinyVit", "--init", init, "--steps", $"{Steps}", "--batch", "8", "--lr", "0.1", "--timeout", "60", "--out", Path.Combine(folder, output) };
            var single = PythonTorch.Run(python, TimeSpan.FromMinutes(4), new[] { script }.Concat(Arguments("single.pt")).ToArray());
            Assert.True(single.Code == 0, single.Error + single.Output);
            // torch.distributed.run is torchrun; --standalone rendezvous on localhost, and gloo talks over loopback only.
            // --redirects and --tee name a stream per process: torchrun 1.13 under Python 3.11 reads their default, 0, as
            // nothing and fails (docs/export-pytorch.md); process 1's output goes to a log file, process 0's to both.
            var distributed = PythonTorch.Run(python, TimeSpan.FromMinutes(4), new Dictionary<string, string> { ["GLOO_SOCKET_IFNAME"] = "lo" },
                new[] { "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "--redirects", "1:1", "--tee", "0:1", script }.Concat(Arguments("ddp.pt")).ToArray());
            Assert.True(distributed.Code == 0, distributed.Error + distributed.Output);
            Assert.Contains($"step {Steps}/{Steps}", distributed.Output);

            var one = WeightFiles.ReadTensors(Path.Combine(folder, "single.pt"));
            var two = WeightFiles.ReadTensors(Path.Combine(folder, "ddp.pt"));
            var start = WeightFiles.ReadTensors(init);
            Assert.Equal(one.Keys.Order(StringComparer.Ordinal), two.Keys.Order(StringComparer.Ordinal));
            var moved = 0.0;
            foreach (var (key, value) in one)
            {
                var difference = (value - two[key]).abs().max().item<float>();
                Assert.True(difference <= 1e-5 * Math.Max(1.0, value.abs().max().item<float>()), $"{key}: one process and two differ by {difference}");
                moved = Math.Max(moved, (value - start[key]).abs().max().item<float>());
            }
            Assert.True(moved > 1e-3, "the weights did not move: nothing was trained");

            var trained = new TinyVit();
            trained.LoadWeights(Path.Combine(folder, "ddp.pt"));
            foreach (var (key, value) in trained.state_dict()) Assert.True(value.eq(two[key]).all().item<bool>(), $"{key} differs after loading the trained weights");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
