using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.WeightFormats;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Reads a safetensors file: its header is read and validated by src/Dsl's <see cref="SafeTensorsHeader"/> (the
/// command-line tool reads headers through it too), then each tensor is read from the memory-mapped file straight into
/// its own memory.
/// </summary>
internal static class SafeTensorsReader
{
    public static IReadOnlyList<StoredTensor> Read(MappedFile file)
    {
        try
        {
            var first8 = new byte[Math.Min(8, file.Length)];
            file.Read(0, first8, "the header length");
            var headerLength = SafeTensorsHeader.HeaderLength(first8, file.Length);
            var header = file.ReadBytes(8, headerLength, "the header");
            var dataStart = 8 + headerLength;
            return SafeTensorsHeader.Parse(header, file.Length - dataStart)
                .Select(t => (StoredTensor)new MappedStoredTensor(t.Name, t.Shape, DTypes.FromSafeTensorsName(t.DType)!.Value, file, dataStart + t.Begin))
                .ToList();
        }
        catch (WeightFileException e)
        {
            throw new WeightFormatException($"safetensors: {e.Message}.", file.Path);
        }
    }
}
