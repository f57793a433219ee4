using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Checkpoints to tamper with: a small trained model's checkpoint, and a way to rewrite its sections and sign the result
/// with a valid SHA-256 (the container format is documented in CheckpointFile), as a crafted file would be.
/// </summary>
internal static class CheckpointCases
{
    public static TensorDataset Data()
    {
        TorchNative.EnsureLoaded();
        using var generator = new Generator(2);
        return new TensorDataset(randn(new long[] { 40, 2 }, generator: generator), randint(0, 3, new long[] { 40 }, generator: generator), new[] { "a", "b", "c" });
    }

    public static (nn.Module<Tensor, Tensor> Model, TrainerOptions Options) Trainer(string optimizer, int epochs, params TrainingCallback[] callbacks)
    {
        TorchNative.EnsureLoaded();
        using (var seed = manual_seed(1)) { }
        var model = nn.Sequential(("0", nn.Linear(2, 8)), ("1", nn.ReLU()), ("2", nn.Linear(8, 3)));
        var options = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 8,
            Seed = 3,
            Optimizer = optimizer switch
            {
                "adam" => Optimizers.Adam(0.01),
                "adamw" => Optimizers.AdamW(0.01),
                "sgd" => Optimizers.Sgd(0.1, momentum: 0.9),
                _ => throw new ArgumentException(optimizer),
            },
            Progress = TrainingProgress.Silent,
            Callbacks = callbacks,
        };
        return (model, options);
    }

    /// <summary>A checkpoint after one epoch with this optimizer, in a new folder.</summary>
    public static string Saved(string optimizer = "adam")
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "model.ckpt");
        var (model, options) = Trainer(optimizer, epochs: 1, new LastCheckpoint(path));
        new Trainer(model, options).Fit(Data());
        return path;
    }

    public static List<(string Name, byte[] Data)> Sections(string path)
    {
        var file = File.ReadAllBytes(path);
        var body = file.AsSpan(20, (int)BitConverter.ToInt64(file, 12)).ToArray();
        var sections = new List<(string, byte[])>();
        for (var at = 0; at < body.Length;)
        {
            var nameLength = BitConverter.ToInt32(body, at);
            var name = Encoding.UTF8.GetString(body, at + 4, nameLength);
            at += 4 + nameLength;
            var length = (int)BitConverter.ToInt64(body, at);
            at += 8;
            sections.Add((name, body[at..(at + length)]));
            at += length;
        }
        return sections;
    }

    /// <summary>Writes sections as the container does, with a correct length and SHA-256.</summary>
    public static void Write(string path, IEnumerable<(string Name, byte[] Data)> sections)
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var (name, data) in sections)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                writer.Write(nameBytes.Length);
                writer.Write(nameBytes);
                writer.Write((long)data.Length);
                writer.Write(data);
            }
        }
        Sign(path, payload.ToArray());
    }

    /// <summary>Writes a raw payload in the container with a correct length and SHA-256.</summary>
    public static void Sign(string path, byte[] payload)
    {
        using var file = File.Create(path);
        file.Write("NDSLCKPT"u8);
        file.Write(BitConverter.GetBytes(1));
        file.Write(BitConverter.GetBytes((long)payload.Length));
        file.Write(payload);
        file.Write(SHA256.HashData(payload));
    }

    /// <summary>Replaces one section's data.</summary>
    public static void Replace(string path, string section, Func<byte[], byte[]> change) =>
        Write(path, Sections(path).Select(s => s.Name == section ? (s.Name, change(s.Data)) : s).ToList());
}
