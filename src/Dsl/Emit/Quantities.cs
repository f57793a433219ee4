using System.Globalization;

namespace NetDsl.Emit;

/// <summary>Counts and sizes as summaries print them: short, with decimal prefixes, as torchinfo prints mult-adds.</summary>
internal static class Quantities
{
    private static readonly (double Scale, string Suffix)[] Prefixes = { (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K") };

    /// <summary><c>4.09G</c>, <c>118.01M</c>, <c>9.41K</c>; below a thousand the number itself.</summary>
    public static string Short(long value)
    {
        foreach (var (scale, suffix) in Prefixes)
        {
            if (value >= scale) return (value / scale).ToString("0.00", CultureInfo.InvariantCulture) + suffix;
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Bytes in decimal megabytes (10^6), two decimals: <c>103.38 MB</c>.</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
