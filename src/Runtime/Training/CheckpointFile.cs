using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NetDsl.Runtime.Native;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The container of a checkpoint: named sections, framed and hashed so that a damaged file is always detected.
/// <code>
/// "NDSLCKPT"   8-byte magic
/// int32        format version (1)
/// int64        payload length
/// payload      sections: int32 name length, UTF-8 name, int64 data length, data
/// 32 bytes     SHA-256 of the payload
/// </code>
/// Written to a temp file in the same folder, flushed to disk and renamed over the target, so a crash or a full disk
/// leaves the previous checkpoint intact.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "NDSLCKPT"u8.ToArray();
    private const int Version = 1;
    private const int HeaderLength = 8 + 4 + 8;
    private const int HashLength = 32;

    public static void Write(string path, IReadOnlyList<(string Name, byte[] Data)> sections)
    {
        using var payload = new MemoryStream();
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
        var body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var file = new byte[HeaderLength + body.Length + HashLength];
        Magic.CopyTo(file, 0);
        BitConverter.TryWriteBytes(file.AsSpan(8), Version);
        BitConverter.TryWriteBytes(file.AsSpan(12), (long)body.Length);
        body.CopyTo(file.AsSpan(HeaderLength));
        SHA256.HashData(body, file.AsSpan(HeaderLength + body.Length));
        AtomicFileWriter.Write(path, file);
    }

    public static Dictionary<string, byte[]> Read(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException(path, "file not found");
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be read: {e.Message}", e);
        }

        var magicLength = Math.Min(file.Length, Magic.Length);
        if (!file.AsSpan(0, magicLength).SequenceEqual(Magic.AsSpan(0, magicLength)))
            throw new CheckpointException(path, "is not a NetDsl checkpoint (it does not start with NDSLCKPT); model files written by Module.save load with model.load");
        if (file.Length < HeaderLength)
            throw new CheckpointException(path, $"is truncated: {file.Length} bytes, not even a complete header; use an earlier checkpoint");
        var version = BitConverter.ToInt32(file, 8);
        if (version != Version)
            throw new CheckpointException(path, $"has format version {version}; this NetDsl reads version {Version}");
        var payloadLength = BitConverter.ToInt64(file, 12);
        var expected = HeaderLength + payloadLength + HashLength;
        if (payloadLength < 0 || file.LongLength < expected)
            throw new CheckpointException(path,
                $"is truncated: its header promises {expected:N0} bytes but the file has {file.LongLength:N0}; it was cut short while being copied or written — use an earlier checkpoint");
        if (file.LongLength > expected)
            throw new CheckpointException(path, $"has {file.LongLength - expected:N0} unexpected bytes after its end; it is damaged");

        var body = file.AsSpan(HeaderLength, (int)payloadLength);
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(file.AsSpan(HeaderLength + (int)payloadLength, HashLength)))
            throw new CheckpointException(path, "is corrupted: its content does not match its SHA-256 checksum; use an earlier checkpoint");

        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var at = 0;
        while (at < body.Length)
        {
            var nameLength = BitConverter.ToInt32(body.Slice(at));
            var name = Encoding.UTF8.GetString(body.Slice(at + 4, nameLength));
            at += 4 + nameLength;
            var dataLength = BitConverter.ToInt64(body.Slice(at));
            at += 8;
            sections[name] = body.Slice(at, (int)dataLength).ToArray();
            at += (int)dataLength;
        }
        return sections;
    }
}
