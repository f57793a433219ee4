namespace NetDsl.Runtime.Weights.Zip;

/// <summary>
/// One record of a zip archive: where its bytes are in the file, their CRC-32, and the compression method (0: stored,
/// the only one read).
/// </summary>
internal sealed record ZipEntry(string Name, long DataOffset, long Size, uint Crc32, int Method = 0)
{
    public bool IsCompressed => Method != 0;
}
