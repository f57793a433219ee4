using System;

namespace NetDsl.Runtime.Weights.Zip;

/// <summary>The zip CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), slicing-by-8.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        var table = Table;
        while (data.Length >= 8)
        {
            var one = (data[0] | (uint)data[1] << 8 | (uint)data[2] << 16 | (uint)data[3] << 24) ^ crc;
            var two = data[4] | (uint)data[5] << 8 | (uint)data[6] << 16 | (uint)data[7] << 24;
            crc = table[7 * 256 + (one & 0xff)] ^ table[6 * 256 + ((one >> 8) & 0xff)] ^
                  table[5 * 256 + ((one >> 16) & 0xff)] ^ table[4 * 256 + (one >> 24)] ^
                  table[3 * 256 + (two & 0xff)] ^ table[2 * 256 + ((two >> 8) & 0xff)] ^
                  table[1 * 256 + ((two >> 16) & 0xff)] ^ table[two >> 24];
            data = data[8..];
        }
        foreach (var b in data)
            crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (var i = 0; i < 256; i++)
            for (var slice = 1; slice < 8; slice++)
                table[slice * 256 + i] = (table[(slice - 1) * 256 + i] >> 8) ^ table[table[(slice - 1) * 256 + i] & 0xff];
        return table;
    }
}
