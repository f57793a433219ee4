using System;
using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// The functions on numbers (<c>max</c>, <c>min</c>, <c>round</c>, <c>ceil</c>, <c>floor</c>, <c>int</c>, <c>float</c>) and
/// <c>a if c else b</c> on numbers compute what Python computes. Each number is read back as the channel count of a 1x1
/// conv (a "probe"), so the test sees what the checker computed. The expected values were computed with Python 3.11 and
/// torchvision 0.14 (/usr/bin/python3): the torchvision and Keras functions cited at each test, called as they are.
/// </summary>
public sealed class NumberTests
{
    /// <summary>torchvision's <c>_make_divisible(v, divisor, min_value=None)</c> (efficientnet.py, mobilenetv2.py) and MnasNet's <c>_round_to_multiple_of(val, divisor, 0.9)</c>, which is the same formula.</summary>
    private const string Divisible = """
        block Divisible(v: float, divisor = 8) {
          new_v = max(divisor, int(v + divisor / 2.0) / divisor * divisor)
          conv(new_v + divisor if new_v < 0.9 * v else new_v, 1)
        }

        """;

    /// <summary>The channel counts of the probes, in order: every number the network computed.</summary>
    private static long[] Probe(string parameters, string probes, string blocks = "")
    {
        var net = TestCompiler.Network($"{blocks}network Probe{parameters} {{\n  input [3, 1, 1]\n  {probes}\n}}\n");
        return net.Rows.Select(r => r.Output.Channels).ToArray();
    }

    private static string Each(string template, params double[] values) =>
        string.Join(" |> ", values.Select(v => template.Replace("#", v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    // ---- torchvision and Keras, as issue #14 asks ------------------------------------------------------------------

    [Theory]
    // EfficientNet's MBConvConfig.adjust_channels(c, width) = _make_divisible(c * width, 8) of the seven stages'
    // (input, output) channels; the first conv takes stage 1's input, the last conv 4 * stage 7's output.
    [InlineData("1.0", new long[] { 32, 16, 24, 40, 80, 112, 192, 320 }, 1280)]   // B0 and B1 (width 1.0)
    [InlineData("1.2", new long[] { 40, 24, 32, 48, 96, 136, 232, 384 }, 1536)]   // B3 (width 1.2)
    public void EfficientNet_widths_match_torchvision(string width, long[] expected, long last)
    {
        var channels = new[] { 32, 16, 24, 40, 80, 112, 192, 320 };
        var probes = "x = " + string.Join(" |> ", channels.Select(c => $"Divisible({c} * w)")) + "\n  x |> conv(4 * x.channels, 1)";

        var result = Probe($"(w: float = {width})", probes, Divisible);

        Assert.Equal(expected.Append(last), result);
    }

    [Fact]
    public void EfficientNet_B3_expanded_channels_match_torchvision()
    {
        // adjust_channels(input_channels, expand_ratio) of B3's stages: inputs already adjusted, ratios 1, 6, 6, ...
        var probes = "Divisible(40 * 1.0) |> " + string.Join(" |> ", new[] { 24, 32, 48, 96, 136, 232 }.Select(c => $"Divisible({c} * 6.0)"));

        Assert.Equal(new long[] { 40, 144, 192, 288, 576, 816, 1392 }, Probe("", probes, Divisible));
    }

    [Theory]
    // MBConvConfig.adjust_depth(num_layers, depth_mult) = int(math.ceil(num_layers * depth_mult)) of B0's 1, 2, 2, 3, 3, 4, 1 layers.
    [InlineData("1.1", new long[] { 2, 3, 3, 4, 4, 5, 2 })]   // B1
    [InlineData("1.4", new long[] { 2, 3, 3, 5, 5, 6, 2 })]   // B3
    public void EfficientNet_depths_match_torchvision(string depth, long[] expected)
    {
        var probes = string.Join(" |> ", new[] { 1, 2, 2, 3, 3, 4, 1 }.Select(n => $"conv(int(ceil({n} * d)), 1)"));

        Assert.Equal(expected, Probe($"(d: float = {depth})", probes));
    }

    [Fact]
    public void MnasNet_0_5_depths_match_torchvision()
    {
        // mnasnet._get_depths(0.5): _round_to_multiple_of(depth * alpha, 8) of [32, 16, 24, 40, 80, 96, 192, 320].
        var probes = string.Join(" |> ", new[] { 32, 16, 24, 40, 80, 96, 192, 320 }.Select(c => $"Divisible({c} * alpha)"));

        Assert.Equal(new long[] { 16, 8, 16, 24, 40, 48, 96, 160 }, Probe("(alpha = 0.5)", probes, Divisible));
    }

    [Theory]
    // keras.applications.MobileNet: _conv_block's int(32 * alpha) and each _depthwise_conv_block's int(filters * alpha).
    [InlineData("0.25", new long[] { 8, 16, 32, 32, 64, 64, 128, 128, 128, 128, 128, 128, 256, 256 })]
    [InlineData("0.5", new long[] { 16, 32, 64, 64, 128, 128, 256, 256, 256, 256, 256, 256, 512, 512 })]
    [InlineData("0.75", new long[] { 24, 48, 96, 96, 192, 192, 384, 384, 384, 384, 384, 384, 768, 768 })]
    public void Keras_MobileNet_filters_match_int_of_filters_times_alpha(string alpha, long[] expected)
    {
        var filters = new[] { 32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024 };

        Assert.Equal(expected, Probe($"(alpha = {alpha})", string.Join(" |> ", filters.Select(f => $"conv(int({f} * alpha), 1)"))));
    }

    // ---- Python's rounding, exactly -----------------------------------------------------------------------------------

    [Fact]
    public void Round_is_Pythons_round_half_to_even()
    {
        // round(x) + 10, so negative results are channel counts too. Python: 0, 2, 2, 0, -2, -2, 0, 3, 1 and 4.
        var values = new[] { 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 0.5000000000000001, 3.5 };

        Assert.Equal(new long[] { 10, 12, 12, 10, 8, 8, 10, 13, 11, 14 }, Probe("", Each("conv(round(#) + 10, 1)", values)));
    }

    [Fact]
    public void Round_keeps_integers_beyond_the_float_fraction_exact()
    {
        // 2^52 + 1 is odd and already whole: a naive floor(x + 0.5) gives 2^52 + 2. 1e15 + 0.5 ties to the even 1e15.
        Assert.Equal(new long[] { 4503599627370497 }, Probe("", "conv(round(4503599627370497.0), 1)"));
        Assert.Equal(new long[] { 1000000000000000 }, Probe("", "conv(round(1e15 + 0.5), 1)"));
    }

    [Fact]
    public void Int_truncates_toward_zero_and_ceil_and_floor_round_outward_and_inward()
    {
        // Python: int(2.9) = 2, int(-2.9) = -2, ceil(2.5) = 3, ceil(-2.5) = -2, floor(-2.5) = -3, ceil(1e-300) = 1, floor(-1e-300) = -1.
        var probes = "conv(int(2.9), 1) |> conv(int(-2.9) + 10, 1) |> conv(ceil(2.5), 1) |> conv(ceil(-2.5) + 10, 1) |> conv(floor(-2.5) + 10, 1)"
                     + " |> conv(ceil(1e-300), 1) |> conv(floor(-1e-300) + 10, 1) |> conv(int(1e18) / 1000000000000000, 1)";

        Assert.Equal(new long[] { 2, 8, 3, 8, 7, 1, 9, 1000 }, Probe("", probes));
    }

    [Fact]
    public void Functions_of_an_int_return_it_and_float_converts()
    {
        Assert.Equal(new long[] { 7, 7, 7, 7, 3 }, Probe("(n = 7)", "conv(round(n), 1) |> conv(ceil(n), 1) |> conv(floor(n), 1) |> conv(int(n), 1) |> conv(int(float(n) / 2), 1)"));
    }

    [Fact]
    public void Max_and_min_take_any_number_of_arguments_and_are_floats_when_one_is()
    {
        Assert.Equal(new long[] { 9, 2, 3 }, Probe("", "conv(max(4, 9, 2), 1) |> conv(min(4, 9, 2), 1) |> conv(int(max(2, 3.5)), 1)"));
    }

    [Fact]
    public void Float_modulo_has_the_sign_of_the_divisor_as_in_Python()
    {
        // Python: -7.5 % 2.0 = 0.5, 7.5 % -2.0 = -0.5, 5.5 % 0.1 = 0.0999999999999997, -1e-300 % 1.0 = 1.0.
        var probes = "conv(int((-7.5 % 2.0) * 10), 1) |> conv(int((7.5 % -2.0) * 10) + 10, 1) |> conv(int((5.5 % 0.1) * 1e16), 1) |> conv(int(-1e-300 % 1.0), 1)";

        Assert.Equal(new long[] { 5, 5, 999999999999997, 1 }, Probe("", probes));
    }

    [Fact]
    public void A_number_if_else_takes_the_branch_its_condition_chooses_and_mixes_int_and_float_as_a_float()
    {
        Assert.Equal(new long[] { 4, 8, 3 }, Probe("(big = false)", "conv(8 if big else 4, 1) |> conv(8 if not big else 4, 1) |> conv(int(3 if big else 3.5), 1)"));
    }

    [Fact]
    public void Only_the_branch_taken_is_evaluated()
    {
        Assert.Equal(new long[] { 5 }, Probe("(d = 0)", "conv(5 if d == 0 else 10 / d, 1)"));
    }

    [Fact]
    public void A_named_number_may_be_an_if_else()
    {
        var net = TestCompiler.Network("block B(se: bool) {\n  width = 16 if se else 8\n  conv(width, 1)\n}\nnetwork N {\n  input [3, 4, 4]\n  B(true) |> B(false)\n}\n");

        Assert.Equal(new long[] { 16, 8 }, net.Rows.Select(r => r.Output.Channels));
    }

    // ---- what has no value is a diagnostic at the call -------------------------------------------------------------------

    [Theory]
    [InlineData("int(1e19)", "int(1E+19) is beyond 64-bit integers; check the values")]
    [InlineData("round(-1e19)", "round(-1E+19) is beyond 64-bit integers; check the values")]
    [InlineData("ceil(9.3e18)", "ceil(9.3E+18) is beyond 64-bit integers; check the values")]
    [InlineData("floor(1e300 * 1e10)", "this float arithmetic overflows to infinity; check the values")]
    public void A_result_beyond_64_bits_is_ND0211(string expression, string message)
    {
        var result = TestCompiler.Compile($"network N {{\n  input [3, 1, 1]\n  conv({expression}, 1)\n}}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("ND0211", message), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void A_function_result_beyond_64_bits_is_reported_at_the_call()
    {
        TestCompiler.Single("network N(w = 1e19) {\n  input [3, 1, 1]\n  conv([|int(w)|], 1)\n}\n", "ND0211");
    }

    [Theory]
    [InlineData("max(4)", "ND0105", "'max' needs at least two numbers: max(a, b, ...)")]
    [InlineData("round(2.5, 1)", "ND0107", "'round' takes one number: round(x); NetDsl has no round(x, ndigits): sizes are integers")]
    [InlineData("int(x: 2.5)", "ND0104", "'int' takes no named arguments; write int(x)")]
    [InlineData("int(true)", "ND0108", "an argument of int must be a number, not a bool")]
    [InlineData("4 if true else false", "ND0108", "both branches of 'if ... else' must be numbers, or both bools, or both tensors; the first is an integer, this one a bool")]
    [InlineData("conv(max, 1)", "ND0108", "'max' is a function on numbers; call it: max(a, b)")]
    public void Wrong_calls_say_how_to_call(string expression, string id, string message)
    {
        var body = expression.StartsWith("conv(", StringComparison.Ordinal) ? expression : $"conv({expression}, 1)";
        var result = TestCompiler.Compile($"network N {{\n  input [3, 1, 1]\n  {body}\n}}\n");

        var diagnostic = Assert.Single(result.Errors);
        Assert.Equal((id, message), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void The_generated_constructor_calls_the_same_functions_the_checker_does()
    {
        var net = TestCompiler.Network($"{Divisible}network N(w = 1.2) {{\n  input [3, 1, 1]\n  Divisible(40 * w) |> conv(round(w * 3) + min(2, 3), 1) |> conv(int(w % 0.5 * 10) if w > 1 else 1, 1)\n}}\n");

        Assert.Contains("(Dsl.Round((w * (double)3)) + Dsl.Min(2, 3))", net.Text);
        Assert.Contains("((w > (double)1) ? Dsl.Int((Dsl.FloorMod(w, 0.5) * (double)10)) : 1)", net.Text);
    }
}

/// <summary>The run-time functions themselves (generated constructors call them), against Python's results.</summary>
public sealed class DslArithmeticTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 2)]
    [InlineData(-0.5, 0)]
    [InlineData(-2.5, -2)]
    [InlineData(-3.5, -4)]
    [InlineData(0.49999999999999994, 0)]
    [InlineData(4503599627370497.0, 4503599627370497)]
    [InlineData(9.2233720368547748E+18, 9223372036854774784)]
    [InlineData(-9.2233720368547758E+18, long.MinValue)]
    public void Round(double x, long expected) => Assert.Equal(expected, Dsl.Round(x));

    [Theory]
    [InlineData(double.PositiveInfinity, "round(inf): infinity has no integer value")]
    [InlineData(double.NaN, "round(nan): NaN has no integer value")]
    [InlineData(9.2233720368547758E+18, "round(9.223372036854776E+18) is beyond 64-bit integers")]
    public void Round_without_a_64_bit_value_throws(double x, string reason)
    {
        var exception = Assert.ThrowsAny<ArithmeticException>(() => Dsl.Round(x));
        Assert.Equal("NetDsl: " + reason, exception.Message);
        Assert.Equal(reason, Dsl.Reason(exception));
    }

    [Theory]
    [InlineData(2.9, 2, 3, 2)]
    [InlineData(-2.9, -2, -2, -3)]
    [InlineData(-0.5, 0, 0, -1)]
    [InlineData(3.0, 3, 3, 3)]
    public void Int_ceil_floor(double x, long truncated, long ceiling, long floor)
    {
        Assert.Equal((truncated, ceiling, floor), (Dsl.Int(x), Dsl.Ceil(x), Dsl.Floor(x)));
    }

    [Fact]
    public void Max_and_min_keep_the_first_of_equal_values_as_Python_does()
    {
        // Python: max(0.0, -0.0) is 0.0, max(-0.0, 0.0) is -0.0.
        Assert.True(double.IsNegative(Dsl.Max(-0.0, 0.0)));
        Assert.False(double.IsNegative(Dsl.Max(0.0, -0.0)));
        Assert.True(double.IsNegative(Dsl.Min(-0.0, 0.0)));
        Assert.Equal(7, Dsl.Max(3L, 7L));
        Assert.Equal(3, Dsl.Min(3L, 7L));
    }

    [Theory]
    [InlineData(-7.5, 2.0, 0.5)]
    [InlineData(7.5, -2.0, -0.5)]
    [InlineData(5.5, 0.1, 0.0999999999999997)]
    [InlineData(-1e-300, 1.0, 1.0)]
    [InlineData(1e300, 3.0, 0.0)]
    public void Float_floor_mod(double a, double b, double expected) => Assert.Equal(expected, Dsl.FloorMod(a, b));

    [Fact]
    public void A_zero_float_remainder_has_the_sign_of_the_divisor()
    {
        // Python: 0.0 % -3.0 is -0.0, -0.0 % 3.0 is 0.0.
        Assert.True(double.IsNegative(Dsl.FloorMod(0.0, -3.0)));
        Assert.False(double.IsNegative(Dsl.FloorMod(-0.0, 3.0)));
    }
}
