using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NetDsl.Runtime.Files;
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

    private static CheckpointException Damaged(string path, int at, string problem) =>
        new(path, $"is damaged: {problem} (payload byte {at})");

    public static Dictionary<string, byte[]> Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CheckpointException(path, "file not found");
        byte[] file;
        using (var stream = InputFile.OpenRead(path, (problem, inner) => new CheckpointException(path, problem, inner)))
        {
            if (stream.Length > Array.MaxLength)
                throw new CheckpointException(path, $"is {stream.Length:N0} bytes, more than a checkpoint can be ({Array.MaxLength:N0})");
            file = new byte[stream.Length];
            try
            {
                stream.ReadExactly(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointException(path, $"cannot be read: {e.Message}", e);
            }
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
        if (payloadLength < 0 || payloadLength > Array.MaxLength)
            throw new CheckpointException(path, $"is damaged: its header claims a payload of {payloadLength:N0} bytes");
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

        // The checksum only says the file is as written; a crafted file can carry a valid one, so every length is
        // checked against what is left.
        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var at = 0;
        while (at < body.Length)
        {
            if (body.Length - at < 4)
                throw Damaged(path, at, "a section name's length is cut off");
            var nameLength = BitConverter.ToInt32(body.Slice(at));
            if (nameLength < 0 || nameLength > 256 || nameLength > body.Length - at - 4 - 8)
                throw Damaged(path, at, $"a section name claims {nameLength} bytes");
            string name;
            try
            {
                name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Slice(at + 4, nameLength));
            }
            catch (DecoderFallbackException)
            {
                throw Damaged(path, at, "a section name is not UTF-8");
            }
            at += 4 + nameLength;
            var dataLength = BitConverter.ToInt64(body.Slice(at));
            at += 8;
            if (dataLength < 0 || dataLength > body.Length - at)
                throw Damaged(path, at, $"section '{name}' claims {dataLength:N0} bytes but {body.Length - at:N0} are left");
            if (!sections.TryAdd(name, body.Slice(at, (int)dataLength).ToArray()))
                throw Damaged(path, at, $"section '{name}' appears twice");
            at += (int)dataLength;
        }
        return sections;
    }
}
