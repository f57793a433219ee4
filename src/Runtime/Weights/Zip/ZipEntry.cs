namespace NetDsl.Runtime.Weights.Zip;

/// <summary>One stored (uncompressed) record of a zip archive: where its bytes are in the file, and their CRC-32.</summary>
internal sealed record ZipEntry(string Name, long DataOffset, long Size, uint Crc32);
