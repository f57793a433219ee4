extern alias DslAssembly;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Catalog;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Generator.FrontEnd;
using NetDsl.Generator.Tests.Infrastructure;
using NetDsl.Semantics;
using Xunit;
using Xunit.Abstractions;
using CatalogOpAttribute = DslAssembly::NetDsl.CatalogOpAttribute;
using LayerAttribute = DslAssembly::NetDsl.LayerAttribute;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The attribute half of the fuzz test (the <c>.net</c> half is tests/Dsl.Tests/FuzzTests.cs): C# sources with
/// <c>[Network]</c> and <c>[Block]</c> classes run through the generator with the real NetDsl compiler, and the
/// result through the real C# compiler.
/// <list type="bullet">
/// <item>(a) random classes composed from the attribute vocabulary, read by reflection from the attribute classes (their
/// constructor parameters and properties) with argument kinds from the op catalog: layers, calls, [Layers] strings,
/// labels, repetitions, parameters, stage properties and methods, class shapes (records, generic, nested, not partial,
/// file-local, ...) and hostile arguments (0, -1, long.MaxValue, wrong types, typeof, nameof, unterminated strings, ...);
/// half of them valid, their layers chosen by the catalog's own shape rules;</item>
/// <item>(b) mutations of examples/Attributes: tokens deleted, duplicated or swapped, numbers made extreme, strings cut,
/// arguments dropped, classes made generic, records, nested, not partial, attributes renamed or moved.</item>
/// </list>
/// Fixed seeds; at most <see cref="CasesPerSeed"/> cases and <see cref="Budget"/> per seed and test. Each case is
/// rebuilt from its own seed, and a failure prints it with its sources (NETDSL_FUZZ_CASE runs it alone). Every case:
/// <list type="bullet">
/// <item>the generator never throws (no CS8785) and never reports ND9999;</item>
/// <item>every NDxxxx diagnostic has a message and is located in an input file (a C# syntax tree or a <c>.net</c>
/// file), inside its text, before and after Roslyn locates it;</item>
/// <item>when the input compiles on its own (but for the stage properties the generator is to implement): with no NDxxxx
/// error, the generated code compiles with it, with no error anywhere and no warning of its own; with NDxxxx errors,
/// the generated files (modules and stubs) still have no error, and the input files none but the unimplemented stages
/// the generator rejected. The one exception: a type of the input named like one the generated code uses without
/// qualification (Tensor, NetDslLayers), which is reported but still hides it from the support class.</item>
/// </list>
/// </summary>
public sealed class AttributeFuzzTests
{
    /// <summary>At most this many cases per seed and test (NETDSL_FUZZ_CASES overrides it, for a longer run by hand).</summary>
    private static readonly int CasesPerSeed = Setting("NETDSL_FUZZ_CASES", 150);

    /// <summary>
    /// And at most this long (NETDSL_FUZZ_SECONDS overrides it): 4 seeds × 2 tests × 1.5 s, plus the
    /// first case's warm-up of Roslyn (about 4 s), keeps the test under 20 s on two cores whatever the machine's speed.
    /// A case costs a generator run and one or two C# compilations: 10-100 ms once warm, 30-150 cases per seed and test.
    /// </summary>
    private static readonly TimeSpan Budget = Environment.GetEnvironmentVariable("NETDSL_FUZZ_SECONDS") is null
        ? TimeSpan.FromMilliseconds(1500)
        : TimeSpan.FromSeconds(Setting("NETDSL_FUZZ_SECONDS", 0));

    /// <summary>NETDSL_FUZZ_ALL=1 runs every case and reports each kind of failure once, instead of stopping at the first.</summary>
    private static readonly bool KeepGoing = Setting("NETDSL_FUZZ_ALL", 0) != 0;

    /// <summary>NETDSL_FUZZ_CASE=&lt;case seed&gt; runs that one case (printed with every failure), whatever the budget.</summary>
    private static readonly int OnlyCase = Setting("NETDSL_FUZZ_CASE", 0);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private const string ExamplesNamespace = "NetDsl.Examples.Attributes";

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4 };

    private readonly ITestOutputHelper _output;

    public AttributeFuzzTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [MemberData(nameof(Seeds))]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Random_attribute_declarations_never_crash_and_every_diagnostic_is_located_in_the_input(int seed) =>
        Fuzz(seed, "random", RandomCase);

    [Theory]
    [MemberData(nameof(Seeds))]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Mutated_attribute_examples_never_crash_and_every_diagnostic_is_located_in_the_input(int seed) =>
        Fuzz(seed, "mutated", MutatedCase);

    private void Fuzz(int seed, string kind, Func<Random, FuzzCase> make)
    {
        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var indices = OnlyCase == 0 ? Enumerable.Range(0, CasesPerSeed)
            : OnlyCase / 100_000 == CaseSeed(seed, kind, 0) / 100_000 ? new[] { OnlyCase % 100_000 } : Array.Empty<int>();
        var count = 0;
        foreach (var i in indices)
        {
            if (OnlyCase == 0 && clock.Elapsed >= Budget) break;
            count++;
            var caseSeed = CaseSeed(seed, kind, i);
            var fuzzCase = make(new Random(caseSeed));
            fuzzCase = fuzzCase with { Kind = kind, Seed = seed, Index = i, CaseSeed = caseSeed };
            try
            {
                Check(fuzzCase, stats);
            }
            catch (Xunit.Sdk.XunitException failure) when (KeepGoing)
            {
                var key = string.Join("\n", failure.Message.Split('\n').Take(2));
                key = System.Text.RegularExpressions.Regex.Replace(key, @"\(\d+,\d+\)|'[^']*'|\d+|/src/app/\w+", "_");
                if (!failures.ContainsKey(key)) failures[key] = failure.Message;
            }
        }
        _output.WriteLine($"{kind} seed {seed}: {count} cases in {clock.Elapsed.TotalSeconds:F1} s; {stats}");
        if (failures.Count > 0) Assert.Fail($"{failures.Count} kinds of failure:\n\n" + string.Join("\n\n========\n\n", failures.Values));
    }

    /// <summary>Each case depends only on its own seed, so a failure reproduces without replaying the ones before it.</summary>
    private static int CaseSeed(int seed, string kind, int index) => (kind == "random" ? 1 : 2) * 100_000_000 + seed * 100_000 + index;

    // ---- the checks ----------------------------------------------------------------------------------------------

    private sealed record FuzzCase(string RootNamespace, IReadOnlyList<(string FileName, string Text)> CSharp, IReadOnlyList<(string FileName, string Text)> Net)
    {
        public string Kind { get; init; } = "";

        public int Seed { get; init; }

        public int Index { get; init; }

        public int CaseSeed { get; init; }

        /// <summary>How hostile a random case is: 0 for one meant to be valid.</summary>
        public double Hostility { get; init; } = -1;

        public override string ToString()
        {
            var text = new StringBuilder();
            text.AppendLine($"{Kind} case {Index} of seed {Seed}, root namespace {RootNamespace}; run it alone with NETDSL_FUZZ_CASE={CaseSeed}");
            foreach (var (name, code) in CSharp.Concat(Net)) text.AppendLine($"---- {name}").AppendLine(code);
            return text.ToString();
        }
    }

    private sealed class Stats
    {
        public int CleanInputs;
        public int WithoutNdErrors;
        public int Generated;

        public override string ToString() =>
            $"{CleanInputs} compile on their own, {WithoutNdErrors} without NDxxxx errors, {Generated} with generated modules";
    }

    /// <summary>The partial properties the generator implements are missing before it runs.</summary>
    private const string MissingImplementation = "CS9248";

    private static void Check(FuzzCase fuzzCase, Stats stats)
    {
        var trees = fuzzCase.CSharp.Select(f => CSharpHarness.Tree(f.Text, f.FileName)).ToList();
        var netFiles = fuzzCase.Net.Select(f => (AdditionalText)new InMemoryAdditionalText(TestPaths.Source(f.FileName), f.Text)).ToList();
        var inputPaths = trees.ToDictionary(t => t.FilePath, t => t.Length, StringComparer.Ordinal);
        foreach (var (name, text) in fuzzCase.Net) inputPaths[TestPaths.Source(name)] = text.Length;

        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(netFiles, rootNamespace: fuzzCase.RootNamespace, trees: trees);
        }
        catch (Exception exception)
        {
            throw Failure(fuzzCase, $"running the generator threw {exception}");
        }

        if (run.Generator.Exception is { } thrown) throw Failure(fuzzCase, $"the generator threw {thrown}");
        foreach (var diagnostic in run.Diagnostics)
        {
            if (diagnostic.Id is "CS8784" or "CS8785" || diagnostic.Id == "ND9999" || !diagnostic.Id.StartsWith("ND", StringComparison.Ordinal))
                throw Failure(fuzzCase, $"the generator reported {diagnostic}");
            if (string.IsNullOrWhiteSpace(diagnostic.GetMessage(CultureInfo.InvariantCulture))) throw Failure(fuzzCase, $"{diagnostic.Id} has no message");
            foreach (var location in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations))
            {
                var path = location.Kind switch
                {
                    LocationKind.SourceFile when trees.Contains(location.SourceTree!) => location.SourceTree!.FilePath,
                    LocationKind.ExternalFile => location.GetLineSpan().Path,
                    _ => null,
                };
                if (path is null || !inputPaths.TryGetValue(path, out var length) || location.SourceSpan.End > length)
                    throw Failure(fuzzCase, $"{diagnostic} is not located inside an input file ({location.Kind} {location.GetLineSpan().Path} {location.SourceSpan})");
            }
        }

        // Before Roslyn locates them (it clamps spans to the tree): the spans the generator computed.
        foreach (var diagnostic in ReportedDslDiagnostics(run))
        {
            foreach (var span in new[] { diagnostic.Span }.Concat(diagnostic.AdditionalSpans))
            {
                if (!inputPaths.TryGetValue(span.Path, out var length) || span.Start < 0 || span.Length < 0 || span.End > length)
                    throw Failure(fuzzCase, $"{diagnostic.Id} '{diagnostic.Message}' has the span {span.Path} [{span.Start}, {span.End}), outside the input");
            }
        }

        var ndErrors = run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (!ndErrors) stats.WithoutNdErrors++;
        if (run.Files.Any(f => f.HintName == "NetDslLayers.g.cs")) stats.Generated++;

        // Generated code may fail to compile only when the input itself does not.
        var before = GeneratorHarness.CreateCompilation(trees).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !(d.Id == MissingImplementation && IsStage(d)))
            .ToList();
        if (before.Count > 0) return;
        stats.CleanInputs++;
        var all = run.OutputCompilation.GetDiagnostics();
        var generated = run.OutputCompilation.SyntaxTrees.Where(t => !trees.Contains(t)).ToHashSet();
        bool InGenerated(Diagnostic d) => d.Location.SourceTree is { } tree && generated.Contains(tree);
        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // A type of the input named like one generated code uses unqualified (Tensor, NetDslLayers) is reported (ND0117,
        // ND0307), but still hides it from the support class of its namespace: the one known way for an input to break it.
        if (ndErrors && trees.Any(t => t.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Any(d => GeneratedNames.IsUsed(d.Identifier.ValueText))))
            return;
        var wrong = errors.Where(d => InGenerated(d) || d.Id != MissingImplementation || !ndErrors).ToList();
        if (wrong.Count > 0)
            throw Failure(fuzzCase, "the input compiles on its own, but not with the generated code:\n" + Describe(wrong, generated) + Reported(run));
        if (!ndErrors)
        {
            var warnings = all.Where(d => d.Severity == DiagnosticSeverity.Warning && InGenerated(d)).ToList();
            if (warnings.Count > 0) throw Failure(fuzzCase, "the generated code has warnings of its own:\n" + Describe(warnings, generated) + Reported(run));
        }
    }

    /// <summary>
    /// A missing implementation of a property with layer attributes in a class marked [Network] or [Block]: a stage the
    /// generator implements (or rejects with an NDxxxx error). Anywhere else, C#'s error is the input's own.
    /// </summary>
    private static bool IsStage(Diagnostic missing) =>
        missing.Location.SourceTree?.GetRoot().FindNode(missing.Location.SourceSpan).AncestorsAndSelf()
            .OfType<PropertyDeclarationSyntax>().FirstOrDefault() is { Parent: TypeDeclarationSyntax type } property
        && Has(property.AttributeLists, DeclarationReader.LayerAttributeNames.Contains)
        && Has(type.AttributeLists, name => name is "Network" or "Block");

    /// <summary>Whether an attribute of the lists has a name (short, without 'Attribute') that <paramref name="matches"/>.</summary>
    private static bool Has(SyntaxList<AttributeListSyntax> lists, Func<string, bool> matches) =>
        lists.SelectMany(l => l.Attributes).Any(a =>
        {
            var name = a.Name.ToString();
            name = name.Substring(name.LastIndexOfAny(new[] { '.', ':' }) + 1);
            return matches(name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name);
        });

    private static IEnumerable<DslDiagnostic> ReportedDslDiagnostics(GeneratorRun run) =>
        run.Generator.TrackedSteps.TryGetValue(TrackingNames.Diagnostics, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Value).OfType<EquatableArray<DslDiagnostic>>().SelectMany(a => a)
            : Enumerable.Empty<DslDiagnostic>();

    private static string Describe(IEnumerable<Diagnostic> diagnostics, HashSet<SyntaxTree> generated) =>
        string.Join("\n", diagnostics.Select(d =>
        {
            var line = d.ToString();
            if (d.Location.SourceTree is { } tree && generated.Contains(tree))
            {
                var lines = tree.GetText().Lines;
                var at = d.Location.GetLineSpan().StartLinePosition.Line;
                line += "\n    > " + lines[at].ToString().Trim();
            }
            return line;
        })) + "\n";

    private static string Reported(GeneratorRun run) =>
        "NetDsl reported:\n" + (run.Diagnostics.IsEmpty ? "(nothing)" : string.Join("\n", run.Diagnostics)) + "\n";

    private static Exception Failure(FuzzCase fuzzCase, string problem) =>
        new Xunit.Sdk.XunitException($"{problem}\n\n{fuzzCase}");

    // ---- the vocabulary, read from the attribute classes -----------------------------------------------------------

    private sealed record Argument(string Name, ArgType? Type, bool Required);

    /// <summary>An op attribute: its name in C# (<c>Conv2d</c>), its constructor's parameters and its properties as catalog arguments.</summary>
    private sealed record OpAttribute(string Name, string Op, IReadOnlyList<Argument> Parameters, IReadOnlyList<(string Property, ArgType? Type)> Properties);

    private static readonly Type[] AttributeTypes = typeof(LayerAttribute).Assembly.GetTypes()
        .Where(t => t.Namespace == "NetDsl" && t.IsSubclassOf(typeof(Attribute)) && t != typeof(CatalogOpAttribute))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private static readonly OpAttribute[] Ops = AttributeTypes
        .Where(t => t.GetCustomAttribute<CatalogOpAttribute>() is not null)
        .Select(t =>
        {
            var op = OpCatalog.Find(t.GetCustomAttribute<CatalogOpAttribute>()!.Op)!;
            ArgType? TypeOf(string argument) => op.Arguments.FirstOrDefault(a => a.Name == argument)?.Type;
            var parameters = t.GetConstructors().Single().GetParameters()
                .Select(p => new Argument(p.Name!, TypeOf(p.Name!), !p.IsOptional))
                .ToList();
            var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => (p.Name, TypeOf(NetNames.ArgumentName(p.Name))))
                .ToList();
            return new OpAttribute(Short(t), op.Name, parameters, properties);
        })
        .ToArray();

    /// <summary>Every attribute of NetDsl by its short name (<c>Network</c>, <c>Layers</c>, <c>Layer</c>, ...).</summary>
    private static readonly string[] AttributeNamesInUse = AttributeTypes.Select(Short).ToArray();

    private static string Named<T>() => Short(AttributeTypes.Single(t => t.Name == typeof(T).Name));

    private static readonly string Network = Named<DslAssembly::NetDsl.NetworkAttribute>();
    private static readonly string Block = Named<DslAssembly::NetDsl.BlockAttribute>();
    private static readonly string Parameter = Named<DslAssembly::NetDsl.ParameterAttribute>();
    private static readonly string Label = Named<DslAssembly::NetDsl.LabelAttribute>();
    private static readonly string Layers = Named<DslAssembly::NetDsl.LayersAttribute>();
    private static readonly string Call = Named<DslAssembly::NetDsl.CallAttribute>();

    private static string Short(Type type) => type.Name.Substring(0, type.Name.Length - "Attribute".Length);

    // ---- values ----------------------------------------------------------------------------------------------------

    /// <summary>Arguments no attribute should take, or should take with a diagnostic: extremes, wrong types, broken syntax.</summary>
    private static readonly string[] Hostile =
    {
        "0", "-1", "-2", "99999999", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "18446744073709551615",
        "long.MaxValue", "long.MinValue", "int.MaxValue", "ulong.MaxValue", "1e308", "-1e308", "1e309", "double.NaN", "double.PositiveInfinity",
        "float.Epsilon", "double.Epsilon", "0.0", "-0.0", "1.5m", "3u", "3ul", "3L", "0x7FFFFFFF", "0b101", "1_000", "(byte)3", "(short)-3",
        "'c'", "\"\"", "\" \"", "\"same\"", "\"valid\"", "\"x\"", "\"n\"", "\"input.channels\"", "\"input.height / 0\"", "\"1 / 0\"",
        "\"(1, 2, 3)\"", "\"(1,\"", "\"conv(\"", "\"}\"", "\"{\"", "\"{ relu\"", "\"relu |> relu\"", "\"a = 1\"", "\"\\n\"", "@\"x\"", "@\"a\"\"b\"",
        "\"\"\"relu\"\"\"", "\"\"\"\n    relu\n    \"\"\"", "$\"{1}\"", "$@\"x\"", "\"a\" + \"b\"", "\"\\u0041\"", "\"x\"u8", "typeof(int)",
        "typeof(string)", "typeof(Sequential)", "typeof(int[])", "typeof(void)", "typeof(Module<,>)", "nameof(K)", "nameof(System)", "null",
        "default", "default(int)", "new int[0]", "new int[] { }", "new[] { 1, 2, 3 }", "new[] { 1 }", "new[] { 1, 2 }", "new[] { -1, 0 }",
        "new[] { long.MaxValue, 1 }", "new object[] { \"a\", 1 }", "new[] { \"same\", \"valid\" }", "new[] { new[] { 1 }, new[] { 2 } }",
        "new[] { 1.5, 2 }", "new[] { true, false }", "new[] { \"(1\", \"2)\" }", "Size.Small", "K.Three", "K.Name", "K.Half", "K.Huge",
        "1 + 2", "1 << 62", "checked(1 + 1)", "unchecked((int)0x80000000)", "sizeof(int)", "-(-1)", "+1", "~0", "!true", "(1)", "((2))",
        "x", "Foo()", "new Sequential()", "System.Math.PI", "true ? 1 : 2", "\"é\"", "\"\t\"", "\"𝑥\"", "\"\u2028\"", "\"relu", "@\"relu",
        "\"\"\"", "new[] {", "typeof(", "(", "1,", ",", "", "true", "false", "3.5", "0.5f", "-0.5",
    };

    private static readonly string[] HostileLabels =
    {
        "\"\"", "\"1x\"", "\"input\"", "\"a.b\"", "\"é\"", "null", "\"x y\"", "\"Summary\"", "\"forward\"", "\"_1\"", "\"**\"", "\"a*b\"",
        "K.Name", "nameof(Size)", "@\"head\"", "\"\"\"head\"\"\"", "\"he\\u0061d\"", "1", "\"head\"", "\"head\"", "\"layer*\"", "\"*\"",
        "\"OutputShape\"", "\"features\"", "\"register_module\"", "\"__\"", "\"if\"", "\"parallel\"",
    };

    private static readonly string[] Repeats =
    {
        "2", "0", "1", "-1", "3", "\"n\"", "\"n - 1\"", "1000000000", "long.MaxValue", "\"blocks - 1\"", "true", "2.5", "null", "\"2\"", "K.Three",
    };

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];

    private static bool Chance(Random random, double p) => random.NextDouble() < p;

    /// <summary>A value of the kind the catalog asks for, small enough to give a valid shape often.</summary>
    private static string Sane(Random random, ArgType? type, IReadOnlyList<string> parameters) => type switch
    {
        ArgType.Int when parameters.Count > 0 && Chance(random, 0.2) => $"\"{Pick(random, parameters)}\"",
        ArgType.Int => Pick(random, new[] { "1", "2", "4", "8", "16" }),
        ArgType.Float => Pick(random, new[] { "0.5", "0.25", "1e-3", "0.5f", "\"0.5\"" }),
        ArgType.Bool => Pick(random, new[] { "true", "false" }),
        ArgType.Pair => Pick(random, new[] { "1", "2", "3", "new[] { 1, 2 }", "\"(1, 2)\"", "new[] { 2, 2 }" }),
        ArgType.Padding => Pick(random, new[] { "0", "1", "\"same\"", "\"valid\"", "new[] { 1, 1 }" }),
        _ => Pick(random, new[] { "1", "2", "4", "8" }),
    };

    private static string Value(Random random, ArgType? type, IReadOnlyList<string> parameters, double hostility) =>
        Chance(random, hostility) ? Pick(random, Hostile) : Sane(random, type, parameters);

    // ---- (a) random compositions ---------------------------------------------------------------------------------

    private const string Support = """
        public enum Size { Small = 3 }

        public static class K
        {
            public const int Three = 3;
            public const long Huge = long.MaxValue;
            public const string Name = "head";
            public const double Half = 0.5;
        }

        public class Base { }

        """;

    private static readonly string[] NetBlocks = { "block NetB(f = 4) = conv(f, 1) |> relu\n", "block NetPair(f: int) {\n  input a, b\n  concat(a, b) |> conv(f, 1)\n}\n" };

    /// <summary>What one case declares so far, for classes that refer to each other.</summary>
    private sealed class Scope
    {
        public List<string> Blocks { get; } = new();

        /// <summary>How many arguments each C# block requires (its parameters without a default).</summary>
        public Dictionary<string, int> Required { get; } = new(StringComparer.Ordinal);

        public List<string> Networks { get; } = new();

        public List<string> NetBlocks { get; } = new();
    }

    private static FuzzCase RandomCase(Random random)
    {
        var scope = new Scope();
        // Half the cases are meant to be valid (their layers chosen by the catalog's shape rules), the rest more or less hostile.
        var hostility = new[] { 0.0, 0.0, 0.0, 0.05, 0.15, 0.4 }[random.Next(6)];
        var net = new List<(string, string)>();
        if (Chance(random, 0.25))
        {
            net.Add(("Blocks.net", string.Concat(NetBlocks)));
            scope.NetBlocks.AddRange(new[] { "NetB", "NetPair" });
        }

        var files = new List<(string, string)>();
        var fileCount = Chance(random, 0.15) ? 2 : 1;
        for (var f = 0; f < fileCount; f++)
        {
            var code = new StringBuilder(CSharpHarness.Usings);
            var ns = hostility == 0
                ? Pick(random, new[] { "Tests.App", "Tests.App", "{Tests.App}" })
                : Pick(random, new[] { "Tests.App", "Tests.App", "Tests.App", "Tests.App", "Tests.App.Sub", "Other", "", "{Tests.App}" });
            var blockScoped = ns.StartsWith("{", StringComparison.Ordinal);
            if (blockScoped) code.AppendLine($"namespace {ns.Trim('{', '}')}\n{{");
            else if (ns.Length > 0) code.AppendLine($"namespace {ns};\n");
            if (f == 0) code.AppendLine(Support);
            var classes = random.Next(1, 4);
            for (var c = 0; c < classes; c++) code.AppendLine(RandomClass(random, scope, hostility, f, c));
            if (blockScoped) code.AppendLine("}");
            files.Add((f == 0 ? "Model.cs" : "Other.cs", code.ToString()));
        }
        return new FuzzCase(GeneratorHarness.RootNamespace, files, net) { Hostility = hostility };
    }

    private static string RandomClass(Random random, Scope scope, double hostility, int file, int index)
    {
        var isBlock = Chance(random, 0.45);
        var name = isBlock ? $"B{file}{index}" : $"N{file}{index}";
        if (Chance(random, hostility * 0.3)) name = Pick(random, new[] { "Stage", "NetB", "B00", "N00", "NetDslLayers", "Module", "Tensor", "input", "@class" });

        var parameters = new List<string>();
        var classAttributes = new List<string>();
        // The shape the next layer receives, while it is known: a block's input is assumed [8, 16, 16].
        Shape? shape = new Shape(8, 16, 16);
        if (isBlock)
        {
            var inputs = Chance(random, 0.8) ? "" : Pick(random, new[] { "(\"x\", \"prev\")", "(\"input\")", "(\"\")", "(null)", "(\"x\", \"x\")", "(1)", "(K.Name)", "()", "(\"a\")" });
            classAttributes.Add(Block + inputs);
        }
        else
        {
            string text;
            if (Chance(random, 1 - hostility))
            {
                (text, shape) = SaneInputs[random.Next(SaneInputs.Length)];
            }
            else
            {
                text = Pick(random, new[] { "", "()", "(0)", "(-1, 2, 2)", "(long.MaxValue, 4, 4)", "(\"x\")", "(typeof(int))", "(3, 16, 16, 4)", "(null)", "(\"3, 16\")", "(new[] { 3, 16 })", "(1e308)", "(3, 99999999, 99999999)", "(K.Three, 8, 8)", "(Size.Small, 8, 8)" });
                shape = null;
            }
            classAttributes.Add(Network + text);
        }
        if (classAttributes[0].Contains("\"n\"", StringComparison.Ordinal))
        {
            parameters.Add("n");
            classAttributes.Add($"{Parameter}(\"n\", 3)");
        }
        var parameterCount = random.Next(0, 4);
        var required = 0;
        for (var p = 0; p < parameterCount; p++)
        {
            var (parameter, text) = RandomParameter(random, isBlock, hostility, parameters);
            if (parameter is not null && hostility == 0 && parameters.Contains(parameter)) continue;
            if (parameter is not null) parameters.Add(parameter);
            if (parameter is not null && !text.Contains(',', StringComparison.Ordinal)) required++;
            classAttributes.Add(text);
        }
        if (Chance(random, hostility * 0.2)) classAttributes.Add(Pick(random, new[] { isBlock ? Network + "(1)" : Block, "ReLU", Label + "(\"x\")", "Obsolete", Layers + "(\"relu\")" }));
        Shuffle(random, classAttributes, hostility);

        var modifiers = Chance(random, 1 - hostility) ? "public partial class" : Pick(random, new[]
        {
            "public class", "internal partial class", "public static partial class", "public abstract partial class", "public sealed partial class",
            "public partial record", "public partial record class", "public partial record struct", "public partial struct", "file partial class",
            "public unsafe partial class", "partial class", "public partial interface",
        });
        var typeParameters = Chance(random, hostility * 0.2) ? "<T>" : "";
        var baseList = Chance(random, hostility * 0.3) ? Pick(random, new[] { " : Base", " : Module<Tensor, Tensor>", " : System.IDisposable", " : Module", " : Sequential" }) : "";

        var body = new StringBuilder();
        var stages = random.Next(0, 5);
        for (var s = 0; s < stages; s++) body.Append(RandomStage(random, scope, parameters, hostility, s, ref shape));
        if (Chance(random, hostility)) body.Append(RandomMember(random));

        var declaration = $"[{string.Join(", ", classAttributes)}]\n{modifiers} {name}{typeParameters}{baseList}\n{{\n{body}}}\n";
        if (Chance(random, hostility * 0.3))
        {
            var outer = Pick(random, new[] { "public partial class Outer", "public class Outer", "public partial class Outer<U>", "public partial struct Outer", "public partial record Outer", "public static partial class Outer", "public partial interface IOuter" });
            declaration = $"{outer}{file}{index}\n{{\n{declaration}}}\n";
        }
        if (isBlock)
        {
            scope.Blocks.Add(name);
            scope.Required[name] = required;
        }
        else scope.Networks.Add(name);
        return declaration;
    }

    private static (string? Name, string Text) RandomParameter(Random random, bool isBlock, double hostility, IReadOnlyList<string> earlier)
    {
        var name = Chance(random, 1 - hostility) ? Pick(random, new[] { "n", "f", "classes", "blocks", "width", "stride" }) : null;
        if (name is null)
        {
            var bad = Pick(random, new[] { "\"input\"", "\"\"", "\"1n\"", "null", "K.Name", "\"a b\"", "\"n\"", "\"Summary\"", "\"path\"", "\"base\"", "\"é\"", "1", "typeof(int)" });
            var tail = Pick(random, new[] { "", ", 1", ", null", ", \"n\"", ", long.MaxValue", ", 1.5", ", true", ", Type = typeof(string)", ", 1, Type = typeof(bool)", ", typeof(int)" });
            return (null, $"{Parameter}({bad}{tail})");
        }
        // Valid cases use their parameters as sizes: integers.
        var defaults = new List<string> { "1", "2", "8", "4" };
        if (hostility > 0) defaults.AddRange(new[] { "true", "0.5" });
        if (hostility > 0 || earlier.Contains("n")) defaults.AddRange(new[] { "\"n\"", "\"n * 2\"" });
        var value = isBlock && Chance(random, 0.4) ? "" : ", " + Pick(random, defaults);
        var types = hostility == 0 ? new[] { "typeof(int)", "typeof(long)" } : new[] { "typeof(int)", "typeof(long)", "typeof(double)", "typeof(float)", "typeof(bool)", "typeof(byte)", "typeof(decimal)", "typeof(string)", "null" };
        var type = Chance(random, 0.15) ? ", Type = " + Pick(random, types) : "";
        if (Chance(random, hostility)) value = ", " + Pick(random, Hostile);
        return (name, $"{Parameter}(\"{name}\"{value}{type})");
    }

    private static readonly string[] MemberNames =
    {
        "Features", "Head", "Body", "Stem", "Layer1", "Classifier", "Tail", "Block2",
    };

    private static readonly string[] HostileMemberNames =
    {
        "Summary", "forward", "Forward", "OutputShape", "InputShape", "Layers", "ParameterCount", "BufferCount", "MultiplyAccumulates", "ActivationBytes", "DeclaredInputShape",
        "RegisterComponents", "@class", "Input", "_1", "_", "Ä", "input", "If", "Parallel", "register_module", "Features", "Head",
    };

    private static readonly (string Text, Shape? Shape)[] SaneInputs =
    {
        ("(3, 16, 16)", new Shape(3, 16, 16)), ("(1, 8, 8)", new Shape(1, 8, 8)), ("(32)", new Shape(32)), ("(3, 8, 8)", new Shape(3, 8, 8)), ("(\"n\", 8, 8)", null),
    };

    /// <summary>What a layer attribute is, for the type of the property that holds it.</summary>
    private enum LayerKind { Op, Call, Other }

    private static string RandomStage(Random random, Scope scope, IReadOnlyList<string> parameters, double hostility, int index, ref Shape? shape)
    {
        var layers = new List<(string Text, LayerKind Kind, string? Block)>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++) layers.Add(RandomLayer(random, scope, parameters, hostility, ref shape));
        var lists = new List<string>();
        if (Chance(random, 0.15)) lists.Add($"[{Label}({(Chance(random, 1 - hostility) ? "\"head" + index + "\"" : Pick(random, HostileLabels))})]");
        if (count > 1 && Chance(random, 0.3))
        {
            var split = random.Next(1, count);
            lists.Add($"[{string.Join(", ", layers.Take(split).Select(l => l.Text))}]");
            lists.Add($"[{string.Join(", ", layers.Skip(split).Select(l => l.Text))}]");
        }
        else lists.Add($"[{string.Join(", ", layers.Select(l => l.Text))}]");
        if (Chance(random, hostility * 0.1)) lists.Add(Pick(random, new[] { "[method: ReLU]", "[return: ReLU]", "[type: ReLU]", "[Obsolete]" }));
        Shuffle(random, lists, hostility);

        var name = (Chance(random, 1 - hostility) ? Pick(random, MemberNames) : Pick(random, HostileMemberNames)) + (hostility == 0 || Chance(random, 0.8) ? index.ToString(CultureInfo.InvariantCulture) : "");
        string member;
        if (Chance(random, 0.5)) member = $"partial void {name}();";
        else if (Chance(random, 1 - hostility))
        {
            // The type that holds the child, mostly: one op is a Module<Tensor, Tensor>, several a Sequential, a call its block.
            var type = layers.Count == 1 && layers[0].Kind == LayerKind.Call && layers[0].Block is { } block && Chance(random, 0.7) ? block
                : layers.Count == 1 && layers[0].Kind == LayerKind.Op ? Pick(random, new[] { "Module<Tensor, Tensor>", "Module<Tensor, Tensor>", "Module<Tensor, Tensor>?", "nn.Module", "Sequential" })
                : Pick(random, new[] { "Sequential", "Sequential", "Module<Tensor, Tensor>", "nn.Module", "object", scope.Blocks.Count > 0 ? scope.Blocks[0] : "Sequential" });
            member = $"public partial {type} {name} {{ get; }}";
        }
        else member = Pick(random, new[]
        {
            $"public Sequential {name} {{ get; }}", $"public partial Sequential {name} {{ get; set; }}", $"private partial Sequential {name} {{ get; }}",
            $"public static partial Sequential {name} {{ get; }}", $"public partial Sequential {name} {{ get; init; }}", $"void {name}() {{ }}",
            $"public partial void {name}();", $"partial int {name}();", $"partial void {name}(int x);", $"partial void {name}<T>();",
            $"private int {name.ToLowerInvariant()};", $"public {name}() {{ }}", $"public event System.Action? {name};",
            $"public int this[int i] => i;", $"public partial class {name} {{ }}", $"public required partial Sequential {name} {{ get; }}",
            $"public virtual partial Sequential {name} {{ get; }}", $"public partial Sequential? {name} {{ get; }}",
            $"public partial Module<Tensor, Tensor>[] {name} {{ get; }}", $"public partial Foo {name} {{ get; }}", $"public partial int {name} {{ get; }}",
            $"public partial object {name} {{ get; }}", $"public partial Module {name} {{ get; }}", $"public partial nn.Module<Tensor, Tensor> {name} {{ get; }}",
            $"public partial Linear {name} {{ get; }}", $"public partial NetB {name} {{ get; }}", $"static partial void {name}();",
            $"extern partial void {name}();", $"public partial Sequential {name} {{ get; }} = null!;", $"public partial Sequential {name} => null!;",
            $"public new partial Sequential {name} {{ get; }}", $"public abstract partial Sequential {name} {{ get; }}", $"partial void {name}() {{ }}",
            $"public override string ToString() => \"\";", $"public const int {name} = 1;", $"public static implicit operator int(N00 n) => 0;",
        });
        return "    " + string.Join("\n    ", lists) + "\n    " + member + "\n\n";
    }

    private static string RandomMember(Random random) => "    " + Pick(random, new[]
    {
        "private int head0;", "public int Summary() => 0;", "public void forward() { }", "public const int Three = 3;", "private readonly int _1;",
        "public N00() { }", "public B00(int x) { }", "private int features;", "public static int OutputShape;", "public int InputShape => 0;",
        "protected override void RegisterComponents() { }", "public Tensor forward(Tensor input) => input;", "private int layers;",
        "public int ParameterCount;", "public static class Nested { }", "public string Layers = \"\";",
        "[ReLU] public partial class Inner { }", "[Network(1)] public partial class InnerNet { [ReLU] partial void Body(); }",
    }) + "\n\n";

    private static (string Text, LayerKind Kind, string? Block) RandomLayer(Random random, Scope scope, IReadOnlyList<string> parameters, double hostility, ref Shape? shape)
    {
        var roll = random.NextDouble();
        // Valid cases: ops the catalog accepts for the shape so far (a guess after a block or a [Layers] string), some calls.
        if (hostility == 0 && (roll < 0.85 || scope.Blocks.Count == 0) && ShapedOp(random, shape ?? new Shape(8, 16, 16)) is { } shaped)
        {
            shape = shaped.Output;
            return (shaped.Text, LayerKind.Op, null);
        }
        shape = null; // what comes out of anything else is not worked out here
        if (roll < 0.7) return (RandomOp(random, parameters, hostility), LayerKind.Op, null);
        if (roll < 0.82) return RandomCall(random, scope, parameters, hostility);
        if (roll < 0.97) return (RandomLayers(random, scope, parameters, hostility), LayerKind.Other, null);
        return (Pick(random, AttributeNamesInUse.Concat(new[] { "Conv3d", "NetDsl.ReLU", "global::NetDsl.ReLUAttribute", "ReLUAttribute" }).ToList()), LayerKind.Other, null);
    }

    /// <summary>
    /// An op attribute with small arguments that the catalog's own shape rule accepts for <paramref name="input"/>
    /// (a few tries, else null): so that a good part of the random networks is valid and their generated code compiles.
    /// </summary>
    private static (string Text, Shape Output)? ShapedOp(Random random, Shape input)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var attribute = Ops[random.Next(Ops.Length)];
            var op = OpCatalog.Find(attribute.Op)!;
            var values = new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
            var texts = new List<string>();
            var positional = true;
            foreach (var parameter in attribute.Parameters)
            {
                if (!parameter.Required && !Chance(random, 0.3))
                {
                    positional = false;
                    continue;
                }
                var (value, text) = SmallValue(random, parameter.Type ?? ArgType.Int);
                values[parameter.Name] = value;
                if (positional) texts.Add(text);
                else if (Chance(random, 0.5)) texts.Add($"{parameter.Name}: {text}");
                else texts.Add($"{attribute.Properties.First(p => NetNames.ArgumentName(p.Property) == parameter.Name).Property} = {text}");
            }
            foreach (var argument in op.Arguments.Where(a => !values.ContainsKey(a.Name)))
            {
                if (argument.Default is { } value) values[argument.Name] = value;
                else if (argument.DefaultFrom is { } from && values.TryGetValue(from, out var copied)) values[argument.Name] = copied;
            }
            ShapeResult result;
            try
            {
                result = op.Infer(new OpArguments(op, op.Arguments.Select(a => values.TryGetValue(a.Name, out var v) ? v : (ScalarValue?)null).ToArray()), input, "probe");
            }
            catch (KeyNotFoundException)
            {
                continue; // an optional argument the rule needs in this combination
            }
            if (!result.Ok) continue;
            return (texts.Count == 0 ? attribute.Name : $"{attribute.Name}({string.Join(", ", texts)})", result.Shape);
        }
        return null;
    }

    private static (ScalarValue Value, string Text) SmallValue(Random random, ArgType type)
    {
        switch (type)
        {
            case ArgType.Float:
                var f = new[] { 0.5, 0.25, 0.001 }[random.Next(3)];
                return (ScalarValue.OfFloat(f), f.ToString("R", CultureInfo.InvariantCulture));
            case ArgType.Bool:
                var b = Chance(random, 0.5);
                return (ScalarValue.OfBool(b), b ? "true" : "false");
            case ArgType.Pair when Chance(random, 0.3):
            case ArgType.Padding when Chance(random, 0.2):
                var (h, w) = (random.Next(1, 3), random.Next(1, 3));
                return (ScalarValue.OfPair(h, w), Chance(random, 0.5) ? $"new[] {{ {h}, {w} }}" : $"\"({h}, {w})\"");
            case ArgType.Padding when Chance(random, 0.3):
                var word = Chance(random, 0.7) ? "same" : "valid";
                return (ScalarValue.OfSymbol(word), $"\"{word}\"");
            case ArgType.Pair:
            case ArgType.Padding:
                var small = random.Next(0, 3) + (type == ArgType.Pair ? 1 : 0);
                return (ScalarValue.OfInt(small), small.ToString(CultureInfo.InvariantCulture));
            default:
                var n = new[] { 1, 2, 4, 8, 16 }[random.Next(5)];
                return (ScalarValue.OfInt(n), n.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string RandomOp(Random random, IReadOnlyList<string> parameters, double hostility)
    {
        var op = Ops[random.Next(Ops.Length)];
        var arguments = new List<string>();
        var usedParameters = 0;
        foreach (var parameter in op.Parameters)
        {
            if (parameter.Required)
            {
                if (Chance(random, hostility * 0.2)) break; // a required argument missing
                arguments.Add(Value(random, parameter.Type, parameters, hostility));
                usedParameters++;
            }
            else if (Chance(random, 0.25) && usedParameters == arguments.Count)
            {
                arguments.Add(Value(random, parameter.Type, parameters, hostility));
                usedParameters++;
            }
        }
        // Some optional arguments by name: "stride: 2" (a constructor parameter) or "Stride = 2" (a property).
        foreach (var parameter in op.Parameters.Skip(usedParameters).Where(p => !p.Required))
        {
            if (Chance(random, 0.15)) arguments.Add($"{parameter.Name}: {Value(random, parameter.Type, parameters, hostility)}");
        }
        var properties = new List<string>();
        foreach (var (property, type) in op.Properties)
        {
            var p = property == "Label" || property == "Repeat" ? 0.08 : 0.2;
            if (!Chance(random, p)) continue;
            var value = property switch
            {
                "Label" => Chance(random, 1 - hostility) ? $"\"l{random.Next(100)}\"" : Pick(random, HostileLabels),
                "Repeat" => Chance(random, 1 - hostility) ? Pick(random, new[] { "2", "1", "0", "3" }) : Pick(random, Repeats),
                _ => Value(random, type, parameters, hostility),
            };
            properties.Add($"{property} = {value}");
        }
        if (Chance(random, hostility * 0.2)) arguments.Add(Pick(random, Hostile)); // one too many
        if (Chance(random, hostility * 0.1)) properties.Add(Pick(random, new[] { "Foo = 1", "Label = \"a\", Label = \"b\"", "Repeat = 2, Repeat = 3", "label = \"x\"" }));
        var all = arguments.Concat(properties).ToList();
        Shuffle(random, all, hostility * 0.2);
        var name = Chance(random, 0.1) ? Pick(random, new[] { op.Name + "Attribute", "NetDsl." + op.Name, "global::NetDsl." + op.Name + "Attribute" }) : op.Name;
        return all.Count == 0 && Chance(random, 0.7) ? name : $"{name}({string.Join(", ", all)})";
    }

    private static (string Text, LayerKind Kind, string? Block) RandomCall(Random random, Scope scope, IReadOnlyList<string> parameters, double hostility)
    {
        var targets = scope.Blocks.Select(b => $"typeof({b})").Concat(scope.Blocks.Select(b => $"\"{b}\"")).Concat(scope.NetBlocks.Select(b => Chance(random, 0.5) ? $"typeof({b})" : $"\"{b}\"")).ToList();
        var target = targets.Count > 0 && Chance(random, 1 - hostility)
            ? Pick(random, targets)
            : Pick(random, new[] { "typeof(int)", "typeof(List<int>)", "null", "\"Unknown\"", "typeof(Sequential)", "typeof(N00)", "\"N00\"", "typeof(B00[])", "typeof(Outer00.B00)", "typeof(global::Tests.App.B00)", "1", "\"relu\"", "\"input\"", "K.Name", "typeof(K)", "typeof(Size)", "nameof(B00)", "\"B0 0\"" });
        var arguments = new List<string> { target };
        var named = target.StartsWith("typeof(", StringComparison.Ordinal) ? target.Substring(7, target.Length - 8) : target.Trim('"');
        var count = hostility == 0 && scope.Required.TryGetValue(named, out var required) ? required : random.Next(0, 4);
        for (var i = 0; i < count; i++) arguments.Add(Value(random, ArgType.Int, parameters, hostility));
        if (Chance(random, 0.15)) arguments.Add($"Repeat = {(hostility == 0 ? Pick(random, new[] { "2", "0", "1" }) : Pick(random, Repeats))}");
        if (Chance(random, 0.15)) arguments.Add($"Label = {(Chance(random, 1 - hostility) ? "\"c" + random.Next(10) + "\"" : Pick(random, HostileLabels))}");
        if (Chance(random, hostility * 0.1)) arguments.Clear();
        var block = target.StartsWith("typeof(", StringComparison.Ordinal) ? target.Substring(7, target.Length - 8) : target.Trim('"');
        return ($"{Call}({string.Join(", ", arguments)})", LayerKind.Call, block);
    }

    private static readonly string[] NetFragments =
    {
        "relu", "conv(8, 3)", "conv(8, 3, padding: 1)", "bn", "maxpool(2)", "flatten", "linear(10)", "input", "x", "|>", "+", "*", "(", ")",
        ",", ":", "=", "{", "}", "\n", " ", "if", "else", "parallel 2 { relu }", "concat(", "add(", "input.channels", "n", "2", "0", "-1",
        "9223372036854775807", "1e308", "# comment", "x = input", "same", "\"", "\\", "\"\"\"", "é", "\t", "* 1000000000",
    };

    private static string RandomLayers(Random random, Scope scope, IReadOnlyList<string> parameters, double hostility)
    {
        string text;
        if (Chance(random, 1 - hostility))
        {
            var calls = new List<string> { "relu", "conv(8, 3, padding: 1)", "bn |> relu", "identity", "(conv(4, 1) |> relu) * 2", "input + (input |> relu)", "concat(input, input |> relu)" };
            calls.AddRange(scope.Blocks.Select(b => $"{b}({string.Join(", ", Enumerable.Repeat("4", scope.Required[b]))})"));
            calls.AddRange(scope.NetBlocks.Where(b => b == "NetB").Select(b => b + "(2)"));
            calls.AddRange(parameters.Select(p => $"conv({p}, 1)"));
            text = Pick(random, calls);
        }
        else
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 12);
            for (var i = 0; i < length; i++) builder.Append(Pick(random, NetFragments)).Append(Chance(random, 0.5) ? " " : "");
            text = builder.ToString();
        }
        var multiline = text.Contains('\n') || Chance(random, 0.15);
        if (multiline) return $"{Layers}(\"\"\"\n        {text.Replace("\n", "\n        ")}\n        \"\"\")";
        if (text.Contains('"') || text.Contains('\\')) return $"{Layers}(@\"{text.Replace("\"", "\"\"")}\")";
        return $"{Layers}(\"{text}\")";
    }

    /// <summary>Occasionally swaps two items, so that order (a label after its layers, a parameter before [Network]) is fuzzed too.</summary>
    private static void Shuffle(Random random, List<string> items, double p)
    {
        if (items.Count < 2 || !Chance(random, p)) return;
        var a = random.Next(items.Count);
        var b = random.Next(items.Count);
        (items[a], items[b]) = (items[b], items[a]);
    }

    // ---- (b) mutated examples --------------------------------------------------------------------------------------

    /// <summary>The examples, in the groups that compile together (a network with the blocks it calls).</summary>
    private static readonly string[][] ExampleGroups =
    {
        new[] { "SmallCnn.cs" },
        new[] { "ResNet20.cs", "Stage.cs", "Basic.cs" },
        new[] { "Tour.cs" },
        new[] { "Stage.cs", "Basic.cs" },
    };

    private static readonly Dictionary<string, string> ExampleTexts = ExampleGroups.SelectMany(g => g).Distinct()
        .ToDictionary(name => name, name => Examples.Read("examples/Attributes/" + name), StringComparer.Ordinal);

    private static readonly string[] CSharpFragments =
    {
        "partial", "class", "record", "static", "abstract", "<T>", "[", "]", "(", ")", "{", "}", ",", ";", "=", "\"", "\"\"\"", "@", "$",
        "typeof(int)", "nameof(Stage)", "null", "0", "-1", "long.MaxValue", "99999999999999999999", "1e308", "new[] { 1, 2 }", "Label = \"x\"",
        "Repeat = 2", "public", "private", "get;", "set;", "void", "=>", "//", "/*", "*/", "#if X", "\n", "ReLU", "Conv2d(8, 3)",
        "[ReLU]", "[Network(1, 8, 8)]", "[Block]", "partial void X();", "public partial Sequential Y { get; }", "é", "\\",
    };

    private static FuzzCase MutatedCase(Random random)
    {
        var group = ExampleGroups[random.Next(ExampleGroups.Length)];
        var target = random.Next(group.Length);
        var files = group.Select((name, i) => (name, i == target || Chance(random, 0.1) ? Mutate(ExampleTexts[name], random) : ExampleTexts[name])).ToList();
        return new FuzzCase(ExamplesNamespace, files, Array.Empty<(string, string)>());
    }

    private static string Mutate(string text, Random random)
    {
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++) text = MutateOnce(text, random);
        return text;
    }

    /// <summary>One edit at a token of the parsed text (re-parsed each time, so edits compose).</summary>
    private static string MutateOnce(string text, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0) return text + Pick(random, CSharpFragments);
        var token = tokens[random.Next(tokens.Count)];
        string Replace(SyntaxToken t, string with) => text.Substring(0, t.SpanStart) + with + text.Substring(t.Span.End);
        switch (random.Next(12))
        {
            case 0: // delete a token
                return Replace(token, "");
            case 1: // duplicate a token
                return Replace(token, token.Text + " " + token.Text);
            case 2: // swap a token with the next
            {
                var at = tokens.IndexOf(token);
                if (at + 1 >= tokens.Count) return Replace(token, "");
                var next = tokens[at + 1];
                return text.Substring(0, token.SpanStart) + next.Text + text.Substring(token.Span.End, next.SpanStart - token.Span.End) + token.Text + text.Substring(next.Span.End);
            }
            case 3: // a number becomes an extreme or a wrong type
            {
                var numbers = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
                return numbers.Count == 0 ? text : Replace(numbers[random.Next(numbers.Count)], Pick(random, Hostile));
            }
            case 4: // inside a string: NetDsl fragments, deletions, or the whole string replaced
            {
                var strings = tokens.Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)).ToList();
                if (strings.Count == 0) return text;
                var literal = strings[random.Next(strings.Count)];
                if (Chance(random, 0.3)) return Replace(literal, Pick(random, Hostile));
                var at = literal.SpanStart + random.Next(literal.Span.Length);
                return Chance(random, 0.5)
                    ? text.Substring(0, at) + Pick(random, NetFragments) + text.Substring(at)
                    : text.Remove(at, Math.Min(random.Next(1, 6), literal.Span.End - at));
            }
            case 5: // an attribute loses its arguments, or gets one more
            {
                var lists = tokens.Where(t => t.IsKind(SyntaxKind.OpenParenToken) && t.Parent is AttributeArgumentListSyntax).ToList();
                if (lists.Count == 0) return text;
                var list = (AttributeArgumentListSyntax)lists[random.Next(lists.Count)].Parent!;
                var replacement = random.Next(3) switch
                {
                    0 => "",
                    1 => "()",
                    _ => list.ToString().TrimEnd(')') + ", " + Pick(random, Hostile) + ")",
                };
                return text.Substring(0, list.SpanStart) + replacement + text.Substring(list.Span.End);
            }
            case 6: // the class's shape: not partial, a record, generic, static, nested
            {
                var classes = tokens.Where(t => t.IsKind(SyntaxKind.ClassKeyword)).ToList();
                if (classes.Count == 0) return text;
                var keyword = classes[random.Next(classes.Count)];
                var declaration = (ClassDeclarationSyntax)keyword.Parent!;
                return random.Next(7) switch
                {
                    0 => declaration.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PartialKeyword)) is { RawKind: not 0 } partial ? Replace(partial, "") : text,
                    1 => Replace(keyword, "record"),
                    2 => text.Insert(declaration.Identifier.Span.End, "<T>"),
                    3 => text.Insert(keyword.SpanStart, Pick(random, new[] { "static ", "abstract ", "sealed ", "unsafe " })),
                    4 => text.Insert(declaration.Identifier.Span.End, Pick(random, new[] { " : Base", " : Module<Tensor, Tensor>", " : System.IDisposable" })) + "\npublic class Base { }\n",
                    5 => text.Substring(0, declaration.FullSpan.Start) + "public " + (Chance(random, 0.5) ? "partial " : "") + "class Outer\n{\n" + declaration.ToFullString() + "}\n" + text.Substring(declaration.FullSpan.End),
                    _ => text.Substring(0, declaration.FullSpan.Start) + declaration.ToFullString() + declaration.ToFullString() + text.Substring(declaration.FullSpan.End),
                };
            }
            case 7: // a fragment of C# between two tokens
                return text.Insert(Chance(random, 0.5) ? token.SpanStart : token.Span.End, Pick(random, CSharpFragments));
            case 8: // an attribute becomes another one of the vocabulary
            {
                var names = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Parent?.Parent is AttributeSyntax).ToList();
                return names.Count == 0 ? text : Replace(names[random.Next(names.Count)], Pick(random, AttributeNamesInUse));
            }
            case 9: // a line duplicated or deleted
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                if (Chance(random, 0.5)) lines.Insert(line, lines[line]);
                else lines.RemoveAt(line);
                return string.Join("\n", lines);
            }
            case 10: // an identifier renamed (a member like a generated one, a block to another, a keyword of NetDsl)
            {
                var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                return Replace(identifiers[random.Next(identifiers.Count)], Pick(random, HostileMemberNames.Concat(new[] { "Stage", "Basic", "Res", "Fire", "SE", "Cell", "Down" }).ToList()));
            }
            default: // an attribute list moved to another member
            {
                var lists = tokens.Where(t => t.IsKind(SyntaxKind.OpenBracketToken) && t.Parent is AttributeListSyntax).Select(t => (AttributeListSyntax)t.Parent!).ToList();
                if (lists.Count < 2) return text;
                var moved = lists[random.Next(lists.Count)];
                var to = lists[random.Next(lists.Count)];
                var without = text.Remove(moved.SpanStart, moved.Span.Length);
                var at = to.SpanStart > moved.SpanStart ? to.SpanStart - moved.Span.Length : to.SpanStart;
                return without.Insert(Math.Max(0, Math.Min(at, without.Length)), moved.ToString() + " ");
            }
        }
    }
}
