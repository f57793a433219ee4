using System;
using System.IO;
using NetDsl.Runtime.Files;
using SkiaSharp;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>Decodes image files (PNG, JPEG, BMP, GIF, WebP) with SkiaSharp into float tensors <c>[C, H, W]</c> in [0, 1].</summary>
public static class ImageFile
{
    /// <summary>File extensions treated as images when a folder is listed (case-insensitive).</summary>
    public static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>
    /// The most pixels an image may declare (width × height) to be decoded, and the most a resize may ask for:
    /// decoding takes 16 bytes a pixel (RGBA, then floats), so the default of 50,000,000 (a 7071×7071 image) bounds
    /// one image at 800 MB. A PNG of a few kilobytes can declare 12000×12000; raise this for real images that large.
    /// </summary>
    public static long MaxPixels { get; set; } = 50_000_000;

    public static bool HasImageExtension(string path) =>
        Array.Exists(Extensions, e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The pixel size of an image from its header, without decoding it.</summary>
    /// <exception cref="DataFormatException">The file is missing or not a readable image.</exception>
    public static (int Width, int Height) ReadSize(string path)
    {
        using var codec = OpenCodec(path);
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>
    /// Decodes an image as <paramref name="channels"/> (1: grey, by ITU-R 601 luma like torchvision's Grayscale;
    /// 3: RGB) and, when <paramref name="size"/> is given, resizes it (bilinear) to that width and height. The caller
    /// owns the tensor.
    /// </summary>
    public static torch.Tensor Load(string path, int channels = 3, (int Width, int Height)? size = null)
    {
        TorchNative.EnsureLoaded();
        var pixels = Decode(path, channels, size, out var width, out var height);
        return torch.tensor(pixels, new long[] { channels, height, width });
    }

    /// <summary>Decodes into a float array laid out <c>[C, H, W]</c>; the width and height are returned.</summary>
    internal static float[] Decode(string path, int channels, (int Width, int Height)? size, out int width, out int height)
    {
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 (grey) or 3 (RGB), not {channels}");
        using var codec = OpenCodec(path);
        if (size is { } target)
            CheckPixels(path, target.Width, target.Height, "resizing to");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new DataFormatException(path, $"cannot be decoded as an image ({result})");
        if (result == SKCodecResult.IncompleteInput)
            throw new DataFormatException(path, "the image data is truncated; the file is incomplete");

        var bitmap = decoded;
        SKBitmap? resized = null;
        try
        {
            if (size is { } s && (s.Width != decoded.Width || s.Height != decoded.Height))
            {
                if (s.Width <= 0 || s.Height <= 0)
                    throw new ArgumentOutOfRangeException(nameof(size), $"cannot resize to {s.Width}x{s.Height}");
                resized = decoded.Resize(new SKImageInfo(s.Width, s.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
                    ?? throw new DataFormatException(path, $"could not be resized to {s.Width}x{s.Height}");
                bitmap = resized;
            }
            width = bitmap.Width;
            height = bitmap.Height;
            return ToPlanar(bitmap.GetPixelSpan(), width, height, bitmap.RowBytes, channels);
        }
        finally
        {
            resized?.Dispose();
        }
    }

    private static float[] ToPlanar(ReadOnlySpan<byte> rgba, int width, int height, int rowBytes, int channels)
    {
        var plane = checked(width * height);
        var output = new float[checked(plane * channels)];
        const float scale = 1f / 255f;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                float r = row[x * 4], g = row[x * 4 + 1], b = row[x * 4 + 2];
                var at = y * width + x;
                if (channels == 1)
                {
                    output[at] = (0.299f * r + 0.587f * g + 0.114f * b) * scale;
                }
                else
                {
                    output[at] = r * scale;
                    output[plane + at] = g * scale;
                    output[2 * plane + at] = b * scale;
                }
            }
        }
        return output;
    }

    private static SKCodec OpenCodec(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        // Opened here, not by SkiaSharp, so a FIFO or a device is refused instead of waited on.
        var stream = InputFile.OpenRead(path, (problem, inner) => new DataFormatException(path, problem, inner));
        if (stream.Length == 0)
        {
            stream.Dispose();
            throw new DataFormatException(path, "is empty (0 bytes), not an image");
        }
        var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            stream.Dispose();
            throw new DataFormatException(path,
                $"is not a readable image ({result}); supported formats are {string.Join(", ", Extensions)}");
        }
        try
        {
            if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
                throw new DataFormatException(path, $"declares an empty image ({codec.Info.Width}x{codec.Info.Height})");
            CheckPixels(path, codec.Info.Width, codec.Info.Height, "declares");
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    private static void CheckPixels(string path, int width, int height, string what)
    {
        var pixels = (long)width * height;
        if (pixels > MaxPixels)
            throw new DataFormatException(path,
                $"{what} {width}x{height} = {pixels:N0} pixels, more than ImageFile.MaxPixels ({MaxPixels:N0}); " +
                "raise ImageFile.MaxPixels to decode images this large");
    }
}
