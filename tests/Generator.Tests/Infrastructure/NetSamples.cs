namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Real <c>.net</c> sources used by the tests that run the real compiler.</summary>
public static class NetSamples
{
    public const string Tiny = """
        # The smallest useful network: one convolution and a classifier.
        network Tiny {
          input [1, 28, 28]
          conv(8, 3) |> relu |> flatten |> linear(10)
        }
        """;

    /// <summary>
    /// <c>add</c> of a 16-channel and an 8-channel value: an error expected at <c>add</c>, line 6 column 3
    /// (one-based; zero-based <see cref="ChannelMismatchLine"/>/<see cref="ChannelMismatchColumn"/>).
    /// </summary>
    public const string ChannelMismatch = """
        # Two branches whose channel counts differ cannot be added.
        network Mismatch {
          input [3, 32, 32]
          wide = input |> conv(16, 3, padding: 1)
          narrow = input |> conv(8, 3, padding: 1)
          add(wide, narrow)
        }
        """;

    public const int ChannelMismatchLine = 5;

    public const int ChannelMismatchColumn = 2;
}
