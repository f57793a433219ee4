using System;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>Each netdsl command on files the tests write: the text it prints and its exit code.</summary>
public sealed class CommandTests : CommandTestFolder
{
    private const string Good = """
        network SmallCnn(classes = 10) {
          input [1, 28, 28]
          features: (conv(32, 3, padding: 1) |> bn |> relu |> maxpool(2)
                     |> conv(64, 3, padding: 1) |> bn |> relu |> maxpool(2))
          flatten
          classifier: (linear(128) |> relu |> dropout(0.5) |> linear(classes))
        }
        """;

    private const string Bad = """
        network Broken {
          input [3, 32, 32]
          conv(16, 3)
          linear(10)
        }
        """;

    [Fact]
    public void Check_of_a_good_file_prints_the_count_and_exits_0()
    {
        var (code, output, _) = Run("check", Write("SmallCnn.net", Good));
        Assert.Equal(0, code);
        Assert.Equal("netdsl check: 1 file, 0 errors, 0 warnings\n", output);
    }

    [Fact]
    public void Check_of_a_bad_file_prints_the_builds_diagnostics_and_exits_1()
    {
        var path = Write("Broken.net", Bad);
        var (code, output, _) = Run("check", path);
        Assert.Equal(1, code);
        // The build's own diagnostic, in dotnet build's layout: file(line,col): error ND0206: message.
        var expected = DslCompiler.Compile(new[] { new DslSource(path, Bad) }, new CompileOptions("X", EmitCode: false)).Diagnostics.Single();
        Assert.Equal($"{path}(4,3): error ND0206: {expected.Message}\nnetdsl check: 1 file, 1 error, 0 warnings\n", output);
    }

    [Fact]
    public void Check_of_aFolder_reads_every_net_file_below_it_except_build_outputs()
    {
        Write("models/a/SmallCnn.net", Good);
        Write("models/b/Broken.net", Bad);
        Write("models/bin/Release/Copy.net", Bad);
        var (code, output, _) = Run("check", Path.Combine(Folder, "models"));
        Assert.Equal(1, code);
        Assert.EndsWith("netdsl check: 2 files, 1 error, 0 warnings\n", output);
        Assert.DoesNotContain("Copy.net", output);
    }

    [Fact]
    public void Summary_prints_the_compile_time_summary()
    {
        var (code, output, _) = Run("summary", Write("SmallCnn.net", Good));
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Equal("SmallCnn", lines[0]);
        Assert.StartsWith("Layer (path)  Op", lines[2]);
        Assert.Contains("classifier.3  linear(10)               [10]            1,290", output);
        Assert.Contains("Trainable parameters: 421,834\n", output);
        Assert.Contains("Non-trainable (batch-norm statistics): 192\n", output);
    }

    [Fact]
    public void Summary_rows_show_the_arguments_evaluated_and_every_layer_of_a_long_network()
    {
        var (code, output, _) = Run("summary", Write("Deep.net", """
            block Down(f, stride = 1, k = 3) {
              conv(f, k, stride: stride, padding: k / 2, bias: false) |> bn
            }

            network Deep(width = 16) {
              input [3, 32, 32]
              stem: Down(width, stride: 2)
              body: Down(2 * width, k: 1 + 2 * (i % 2)) for i in 1200
            }
            """));

        Assert.Equal(0, code);
        Assert.Contains("stem.0        conv(16, 3, stride: 2, padding: 1, bias: false)", output);
        Assert.Contains("body.1198.0   conv(32, 1, stride: 1, padding: 0, bias: false)", output);
        Assert.Contains("body.1199.0   conv(32, 3, stride: 1, padding: 1, bias: false)", output);
        Assert.DoesNotContain("more layers", output);
        Assert.Equal(1200, output.Split('\n').Count(l => l.StartsWith("body.", StringComparison.Ordinal) && l.Contains("  conv(32, ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Summary_with_arguments_describes_the_network_built_with_them()
    {
        var (code, output, _) = Run("summary", Write("SmallCnn.net", Good), "--arg", "classes=5");

        Assert.Equal(0, code);
        Assert.Contains("classifier.3  linear(5)                [5]               645", output);
        Assert.Contains("Trainable parameters: 421,189\n", output);
    }

    [Fact]
    public void Summary_arguments_that_are_no_values_or_for_several_networks_are_refused()
    {
        var path = Write("SmallCnn.net", Good);
        var other = Write("Other.net", "network Other {\n  input [4]\n  linear(2)\n}\n");

        var (code, output, error) = Run("summary", path, "--arg", "classes=ten");
        Assert.Equal((1, ""), (code, output));
        Assert.Equal("netdsl: argument classes=ten is not an integer, a float or true/false\n", error);

        (code, _, error) = Run("summary", path, other, "--arg", "classes=5");
        Assert.Equal(1, code);
        Assert.Contains("arguments are for one network; name it", error);
        Assert.Equal(0, Run("summary", path, other, "--arg", "classes=5", "--network", "SmallCnn").Code);
    }

    [Fact]
    public void Summary_of_a_network_not_declared_names_those_that_are()
    {
        var (code, _, error) = Run("summary", Write("SmallCnn.net", Good), "--network", "Large");
        Assert.Equal(1, code);
        Assert.Equal("netdsl: no network 'Large' in the given files; they declare SmallCnn\n", error);
    }

    [Fact]
    public void Summary_of_a_bad_file_prints_its_diagnostics_and_exits_1()
    {
        var (code, output, error) = Run("summary", Write("Broken.net", Bad));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("error ND0206", error);
    }

    [Fact]
    public void Export_pytorch_writes_the_module_file()
    {
        var target = Path.Combine(Folder, "model.py");
        var (code, output, _) = Run("export", "pytorch", Write("SmallCnn.net", Good), "-o", target);
        Assert.Equal(0, code);
        Assert.Equal($"netdsl export pytorch: wrote {target}\n", output);
        var text = File.ReadAllText(target);
        Assert.Contains("class SmallCnn(nn.Module):", text);
        Assert.Contains("nn.Linear(128, 10)", text);
    }

    [Fact]
    public void Export_with_arguments_writes_the_network_for_them()
    {
        var (code, output, _) = Run("export", "pytorch", Write("SmallCnn.net", Good), "--network", "SmallCnn", "--arg", "classes=3");
        Assert.Equal(0, code);
        Assert.Contains("nn.Linear(128, 3)", output);
    }

    [Fact]
    public void A_failed_export_leaves_an_existing_file_as_it_was()
    {
        var target = Write("model.py", "# mine\n");
        var (code, _, error) = Run("export", "pytorch", Write("Broken.net", Bad), "-o", target);
        Assert.Equal(1, code);
        Assert.Contains("error ND0206", error);
        Assert.Equal("# mine\n", File.ReadAllText(target));
        Assert.False(File.Exists(target + ".tmp"));
    }

    [Fact]
    public void An_unknown_export_format_lists_the_formats_and_exits_2()
    {
        var (code, _, error) = Run("export", "tflite", Write("SmallCnn.net", Good));
        Assert.Equal(2, code);
        Assert.StartsWith("netdsl: unknown export format 'tflite'; formats: pytorch, onnx\n", error);
    }

    [Theory]
    [InlineData(new[] { "compile" }, "netdsl: unknown command 'compile'")]
    [InlineData(new[] { "check" }, "netdsl: give the .net files or folders to read")]
    [InlineData(new[] { "check", "/nowhere/model.net" }, "netdsl: no file or folder '/nowhere/model.net'")]
    [InlineData(new[] { "check", "--fast", "x.net" }, "netdsl: unknown option '--fast'")]
    public void Usage_errors_say_what_is_wrong_and_exit_2(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith(message + "\n", error);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("check <files|folders>", output);
        Assert.Contains("summary <files|folders>", output);
        Assert.Contains("export <format>", output);
        Assert.Contains("diagram <files|folders>", output);
    }
}
