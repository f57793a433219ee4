using System;

namespace NetDsl.Runtime.Data;

/// <summary>
/// torchvision's choice of a RandomResizedCrop window (its <c>get_params</c>), from uniform draws made beforehand
/// (four per attempt: area share, log aspect ratio, top, left), so the caller draws them from torch's generator in
/// one call.
/// </summary>
internal static class CropWindow
{
    public const int Attempts = 10;

    public static (int Top, int Left, int Height, int Width) Sample(int imageHeight, int imageWidth, double scaleMin, double scaleMax,
        double ratioMin, double ratioMax, ReadOnlySpan<double> uniforms)
    {
        var area = (double)imageHeight * imageWidth;
        var (logLow, logHigh) = (Math.Log(ratioMin), Math.Log(ratioMax));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var u = uniforms.Slice(attempt * 4, 4);
            var target = area * (scaleMin + u[0] * (scaleMax - scaleMin));
            var ratio = Math.Exp(logLow + u[1] * (logHigh - logLow));
            var w = (int)Math.Round(Math.Sqrt(target * ratio));
            var h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= imageWidth && h <= imageHeight)
                return ((int)(u[2] * (imageHeight - h + 1)), (int)(u[3] * (imageWidth - w + 1)), h, w);
        }
        // Fallback: the whole image, trimmed to the nearest allowed aspect ratio, in the centre.
        var imageRatio = (double)imageWidth / imageHeight;
        var (height, width) = imageRatio < ratioMin
            ? ((int)Math.Round(imageWidth / ratioMin), imageWidth)
            : imageRatio > ratioMax
                ? (imageHeight, (int)Math.Round(imageHeight * ratioMax))
                : (imageHeight, imageWidth);
        return ((imageHeight - height) / 2, (imageWidth - width) / 2, height, width);
    }
}
