namespace NetDsl.DslTests;

/// <summary>Sources shared by several tests.</summary>
public static class Samples
{
    /// <summary>Every construct of the language brief, in one valid file.</summary>
    public const string Tour = """
        # comment
        block Fire(s, e1, e3) {                 # block with params
          squeeze: conv(s, 1) |> relu           # 'label: term' names the child
          concat(expand1x1: conv(e1, 1) |> relu, expand3x3: conv(e3, 3, padding: 1) |> relu)
        }
        block SE(rate = 16) = input * (input |> global_avgpool |> linear(input.channels / rate) |> relu |> linear(input.channels) |> sigmoid)
        block Down(f1, f2 = f1, pre_relu = true) {
          shortcut = input |> conv(f2, 1, stride: 2, bias: false) |> bn
          input |> relu if pre_relu |> sepconv(f1, 3, padding: same) |> maxpool(3, stride: 2, padding: same) + shortcut
        }
        block Cell(f = 8) {
          input x, prev
          concat(x |> conv(f, 1), prev |> conv(f, 1))
        }
        block Scale(gain: float = 0.5) = dropout(gain)
        network Small(classes = 10) {
          input [1, 28, 28]
          features: (conv(32, 3, padding: 1) |> bn |> relu |> maxpool(2))
          Fire(16, 32, 32) * 2
          add(branches: parallel 4 { conv(8, 1) |> relu |> conv(64, 3, padding: 1) })
          x = SE(4)
          (x, x) |> Cell(4)
          Down(16)
          Scale
          global_avgpool |> linear(classes)
        }
        """;

    /// <summary>Most constructs in few characters, for tests that compile every mutation of a file.</summary>
    public const string Compact = """
        block F(s, e = 2 * s) {
          q: conv(s, 1) |> relu
          concat(a: conv(e, 1), b: conv(e, 3, padding: 1))
        }
        block C(f = 4) {
          input x, y
          add(x |> conv(f, 1), y |> conv(f, 1) |> relu if f > 2)
        }
        network N(k: float = 0.5) {
          input [3, 9, 9]
          f: (conv(8, 3, stride: 2, padding: same) |> bn |> maxpool(2, ceil: true))
          z = F(4) * 2
          (z, z) |> C
          add(p: parallel 2 { conv(4, 1) }) * (global_avgpool |> linear(input.channels + 1) |> dropout(k))
          flatten |> linear(10)
        }
        """;
}
