using System;
using System.Buffers;
using System.Collections.Generic;
using NetDsl.Runtime.Weights.Zip;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// The storage records of one PyTorch archive: finds <c>data/&lt;key&gt;</c> and checks each record's CRC-32 once,
/// the first time a tensor reads from it (a bit flip anywhere in a storage is reported, not loaded; a CRC field of 0 is
/// checked like any other, since the CRC of real data is almost never 0).
/// </summary>
internal sealed class StorageRecords
{
    private readonly ZipDirectory _zip;
    private readonly string _prefix;
    private readonly HashSet<string> _verified = new(StringComparer.Ordinal);

    public StorageRecords(MappedFile file, ZipDirectory zip, string prefix)
    {
        File = file;
        _zip = zip;
        _prefix = prefix;
    }

    public MappedFile File { get; }

    public ZipEntry Get(string key)
    {
        var entry = _zip.Find(_prefix + "data/" + key)
            ?? throw new WeightFormatException($"storage record data/{key} is missing.", File.Path);
        if (!_verified.Contains(entry.Name))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                uint crc = 0;
                for (long done = 0; done < entry.Size;)
                {
                    var chunk = (int)Math.Min(buffer.Length, entry.Size - done);
                    File.Read(entry.DataOffset + done, buffer.AsSpan(0, chunk), entry.Name);
                    crc = Crc32.Append(crc, buffer.AsSpan(0, chunk));
                    done += chunk;
                }
                if (crc != entry.Crc32)
                    throw new WeightFormatException($"record '{entry.Name}' fails its CRC-32 check: the file is corrupted.", File.Path);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            _verified.Add(entry.Name);
        }
        return entry;
    }
}
