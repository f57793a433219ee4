using System;
using System.Text;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>Tells a weight file's format from its first bytes, and names the formats it refuses.</summary>
internal static class FormatDetector
{
    private static readonly byte[] Hdf5Signature = { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a };

    // torch.serialization.MAGIC_NUMBER (0x1950a86a20f9469cfc6c) pickled as LONG1 after PROTO 2: the legacy format.
    private static readonly byte[] LegacyTorchMagic = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19 };

    public static WeightFormat Detect(MappedFile file)
    {
        var head = file.ReadBytes(0, Math.Min(file.Length, 512 + 8), "the file's first bytes");
        if (StartsWith(head, "PK\u0003\u0004"u8) || StartsWith(head, "PK\u0005\u0006"u8))
            return WeightFormat.PyTorch;
        if (StartsWith(head, Hdf5Signature) || (head.Length >= 520 && head.AsSpan(512).StartsWith(Hdf5Signature)))
            return WeightFormat.KerasH5;
        // Before the pickle checks: a header length of 0x0280 starts with the bytes of PROTO 2. The JSON's '{' decides,
        // whatever the length says, so a wrong length is reported by the safetensors reader as what it is.
        if (head.Length >= 9 && head[8] == (byte)'{')
            return WeightFormat.SafeTensors;
        if (StartsWith(head, LegacyTorchMagic) || (head.Length >= 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar"))
            throw new WeightFormatException(
                "this is PyTorch's legacy serialization format (torch.save before PyTorch 1.6, or _use_new_zipfile_serialization=False), " +
                "which is not supported. Re-save it as a state_dict with PyTorch 1.6 or later: " +
                "torch.save(torch.load(old, weights_only=False).state_dict() if it is a model else torch.load(old), new).", file.Path);
        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
            throw new WeightFormatException(
                "this is a bare pickle, not a torch.save archive (zip); it is not supported. " +
                "Save a state_dict with torch.save(model.state_dict(), path) (PyTorch 1.6 or later).", file.Path);
        return WeightFormat.TorchSharp;
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> prefix) => bytes.AsSpan().StartsWith(prefix);
}
