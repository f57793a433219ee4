using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using SkiaSharp;

namespace NetDsl.Runtime.Tests.Data;

/// <summary>Writes the small IDX and image files the data tests read.</summary>
internal static class DataFiles
{
    /// <summary>An IDX file of ubyte data with the given dimensions; gzip-compressed when asked.</summary>
    public static string Idx(string folder, string name, int[] shape, byte[] data, bool gzip = false, byte type = 0x08)
    {
        var header = new byte[4 + 4 * shape.Length];
        header[2] = type;
        header[3] = (byte)shape.Length;
        for (var i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), shape[i]);
        var content = new byte[header.Length + data.Length];
        header.CopyTo(content, 0);
        data.CopyTo(content, header.Length);
        var path = Path.Combine(folder, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }
        return path;
    }

    /// <summary><paramref name="count"/> images of <paramref name="height"/> x <paramref name="width"/>; pixel i of image n is (n * 16 + i) % 256.</summary>
    public static byte[] Pixels(int count, int height, int width)
    {
        var data = new byte[count * height * width];
        for (var n = 0; n < count; n++)
            for (var i = 0; i < height * width; i++)
                data[n * height * width + i] = (byte)((n * 16 + i) % 256);
        return data;
    }

    /// <summary>A solid-colour PNG (or JPEG) of the given size.</summary>
    public static string Image(string path, int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
