using System;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Crafted checkpoints with a valid SHA-256 (the container's checksum only proves the file is as written): every one
/// is a CheckpointException naming what is wrong, raised before the model, the optimizer, the schedule or the RNG
/// changed. The two that crashed libtorch (an RNG state of the wrong size, or with an invalid Mersenne Twister
/// position) run in a child process.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class HostileCheckpointTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static (CheckpointException Error, bool Changed) Resume(string path, string optimizer = "adam")
    {
        var (model, options) = CheckpointCases.Trainer(optimizer, epochs: 3);
        using (no_grad())
        {
            foreach (var p in model.parameters())
                p.fill_(0.25);
        }
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var trainer = new Trainer(model, options);
        var learningRate = trainer.Optimizer.ParamGroups.First().LearningRate;
        var error = Assert.Throws<CheckpointException>(() => trainer.Fit(CheckpointCases.Data(), resumeFrom: path));
        var changed = model.state_dict().Any(kv => !kv.Value.eq(before[kv.Key]).all().item<bool>())
                      || trainer.Optimizer.ParamGroups.First().LearningRate != learningRate || trainer.History.Epochs.Count != 0;
        return (error, changed);
    }

    [Theory]
    [InlineData("size")]
    [InlineData("position")]
    public void AnRngStateLibtorchWouldRejectIsRefused_InsteadOfAbortingTheProcess(string damage)
    {
        var path = CheckpointCases.Saved();
        CheckpointCases.Replace(path, "rng", rng =>
        {
            if (damage == "size")
                return rng[..100];
            var copy = (byte[])rng.Clone();
            BitConverter.GetBytes(0).CopyTo(copy, 8);   // 'left', the twister's position: 1..624
            return copy;
        });

        var outcome = ChildProcess.Run(Limit, "resume", path, "adam");

        Assert.Equal(nameof(CheckpointException), outcome.Type);
        Assert.Contains(damage == "size" ? "is 100 bytes, but this libtorch's generator state is" : "not a valid Mersenne Twister state", outcome.Message);
        Assert.False(outcome.ChangedModel);
    }

    [Fact]
    public void AFifoAsTheCheckpoint_IsRefused_WithoutWaiting()
    {
        var fifo = HostileKerasFileTests.MakeFifo(TestPaths.NewTempFolder(), "last.ckpt");

        var outcome = ChildProcess.Run(Limit, "checkpoint-info", fifo);

        Assert.Equal(nameof(CheckpointException), outcome.Type);
        Assert.Contains("not a regular file", outcome.Message);
    }

    [Fact]
    public void ResumingWithAnotherOptimizer_ChangesNothing()
    {
        var path = CheckpointCases.Saved("adamw");

        var (error, changed) = Resume(path, "adam");

        Assert.Contains("holds the state of a TorchSharp.Modules.AdamW, but this trainer uses TorchSharp.Modules.Adam", error.Message);
        Assert.False(changed, "the failed resume changed the weights, the learning rate or the history");
    }

    [Fact]
    public void OptimizerStateThatDoesNotLoad_IsRefused_BeforeAnythingChanges()
    {
        var path = CheckpointCases.Saved("adam");
        CheckpointCases.Replace(path, "optimizer", state => state[..(state.Length / 2)]);

        var (error, changed) = Resume(path, "adam");

        Assert.Contains("optimizer state that does not fit this optimizer", error.Message);
        Assert.False(changed);
    }

    [Fact]
    public void OptimizerStateOfOtherShapes_IsRefused_BeforeAnythingChanges()
    {
        // Adam's moments of a wider network (hidden 16, not 8): as many tensors, other shapes.
        var wider = Path.Combine(TestPaths.NewTempFolder(), "wider.ckpt");
        var (_, options) = CheckpointCases.Trainer("adam", epochs: 1, new LastCheckpoint(wider));
        var wide = nn.Sequential(("0", nn.Linear(2, 16)), ("1", nn.ReLU()), ("2", nn.Linear(16, 3)));
        new Trainer(wide, options).Fit(CheckpointCases.Data());
        var path = CheckpointCases.Saved("adam");
        var widerState = CheckpointCases.Sections(wider).Single(s => s.Name == "optimizer").Data;
        CheckpointCases.Replace(path, "optimizer", _ => widerState);

        var (error, changed) = Resume(path, "adam");

        Assert.Contains("optimizer state that does not fit this optimizer", error.Message);
        Assert.False(changed);
    }

    [Theory]
    [InlineData(int.MaxValue, "which no training can continue from")]
    [InlineData(-3, "which no training can continue from")]
    [InlineData(7, "but its history ends at epoch 1")]
    public void AnEpochOutOfRange_IsRefused(int epoch, string expected)
    {
        var path = CheckpointCases.Saved();
        CheckpointCases.Replace(path, "meta", meta => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(meta).Replace("\"epoch\":1,\"model\"", $"\"epoch\":{epoch},\"model\"")));

        var (error, changed) = Resume(path);

        Assert.Contains(expected, error.Message);
        Assert.False(changed);
        Assert.Contains(expected, Assert.Throws<CheckpointException>(() => Checkpoint.ReadInfo(path)).Message);
    }

    public static TheoryData<string, string> DamagedModelSections => new()
    {
        { "truncated", "claims 4 tensors in a section of 30 bytes" },
        { "dtype", "the dtype number 9999" },
        { "overflow", "overflow 64 bits" },
        { "short", "only 4 bytes follow" },
        { "trailing", "bytes after its last tensor" },
        { "key", "ends inside a tensor's description" },
    };

    [Theory]
    [MemberData(nameof(DamagedModelSections))]
    public void ADamagedModelSection_IsACheckpointException_AndChangesNothing(string damage, string expected)
    {
        var path = CheckpointCases.Saved();
        CheckpointCases.Replace(path, "model", model => damage switch
        {
            "truncated" => model[..30],
            "trailing" => model.Concat(new byte[3]).ToArray(),
            _ => OneTensor(damage),
        });

        var (error, changed) = Resume(path);

        Assert.True(error.Message.Contains("damaged model section") && error.Message.Contains(expected), error.Message);
        Assert.False(changed);
    }

    // A model section of one entry '0.weight' with a damage.
    private static byte[] OneTensor(string damage)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(1);
            if (damage == "key")
            {
                writer.Write(Enumerable.Repeat((byte)0xFF, 20).ToArray());   // a 7-bit-encoded key length that never ends
                writer.Flush();
                return stream.ToArray();
            }
            writer.Write("0.weight");
            writer.Write(damage == "dtype" ? 9999 : (int)ScalarType.Float32);
            var shape = damage == "overflow" ? new[] { 0L, 1L << 62, 1L << 62 } : new[] { 8L, 2L };
            writer.Write(shape.Length);
            foreach (var d in shape)
                writer.Write(d);
            writer.Write(new byte[4]);
        }
        return stream.ToArray();
    }

    public static TheoryData<string, string> DamagedContainers => new()
    {
        { "negative name", "a section name claims -5 bytes" },
        { "long section", "claims 9,223,372,036,854,775,807 bytes" },
        { "twice", "section 'meta' appears twice" },
        { "cut", "a section name's length is cut off" },
    };

    [Theory]
    [MemberData(nameof(DamagedContainers))]
    public void ACraftedContainer_IsACheckpointException(string damage, string expected)
    {
        var path = CheckpointCases.Saved();
        var sections = CheckpointCases.Sections(path);
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload))
        {
            foreach (var (name, data) in damage == "twice" ? sections.Prepend(sections[0]) : sections)
            {
                writer.Write(Encoding.UTF8.GetByteCount(name));
                writer.Write(Encoding.UTF8.GetBytes(name));
                writer.Write((long)data.Length);
                writer.Write(data);
            }
        }
        var bytes = payload.ToArray();
        switch (damage)
        {
            case "negative name":
                BitConverter.GetBytes(-5).CopyTo(bytes, 0);
                break;
            case "long section":
                BitConverter.GetBytes(long.MaxValue).CopyTo(bytes, 4 + Encoding.UTF8.GetByteCount(sections[0].Name));
                break;
            case "cut":
                bytes = bytes.Concat(new byte[] { 1, 2 }).ToArray();
                break;
        }
        CheckpointCases.Sign(path, bytes);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.ReadInfo(path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void StaleTemporariesOfAKilledWrite_AreRemovedByTheNextSave_LiveAndFreshOnesAreNot()
    {
        var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder, "last.ckpt");
        string Temp() => Path.Combine(folder, $".last.ckpt.{Guid.NewGuid():N}.tmp");
        var stale = Enumerable.Range(0, 3).Select(_ => Temp()).ToArray();
        foreach (var file in stale)
        {
            File.WriteAllBytes(file, new byte[1000]);
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }
        var live = Temp();
        using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);   // a writer still running
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddHours(-1));
        var fresh = Temp();
        File.WriteAllBytes(fresh, new byte[10]);   // just started, maybe in another process
        var other = Path.Combine(folder, $".best.ckpt.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(other, new byte[10]);
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));   // another target's: not this save's business

        var (model, options) = CheckpointCases.Trainer("adam", epochs: 1, new LastCheckpoint(path));
        new Trainer(model, options).Fit(CheckpointCases.Data());

        var left = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { Path.GetFileName(other), Path.GetFileName(fresh), Path.GetFileName(live), "last.ckpt" }.Order(StringComparer.Ordinal), left);
        Assert.True(AtomicFileWriter.StaleAfter <= TimeSpan.FromMinutes(1));
    }
}
