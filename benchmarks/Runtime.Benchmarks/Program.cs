using System;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NetDsl.Runtime.Benchmarks;

if (args.Length > 0 && args[0] == "soak")
    return Soak.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000);
if (args.Length > 0 && args[0] == "torchvision-paired")
    return NetDsl.Runtime.Benchmarks.TorchVision.Comparison.Paired(args);
if (args.Length > 0 && args[0] == "torchvision-peak")
    return NetDsl.Runtime.Benchmarks.TorchVision.Comparison.Peak(args);
if (args.Length > 0 && args[0] == "fusion-paired")
    return NetDsl.Runtime.Benchmarks.Fusion.FusionPaired.Run(args);
if (args.Length > 0 && args[0] == "fusion-profile")
    return NetDsl.Runtime.Benchmarks.Fusion.FusionProfile.Run(args);
if (args.Length > 0 && args[0] == "step")
    return StepTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "phases")
    return StepPhases.Run(args[1..]);
if (args.Length > 0 && args[0] == "gpt-parts")
    return GptParts.Run(args[1..]);
if (args.Length > 0 && args[0] == "precision")
    return PrecisionComparison.Run(args[1..]);
if (args.Length > 0 && args[0] == "paired")
    return Paired.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40, args.Length > 2 ? args[2] : "all", args.Length > 3 ? args[3] : "wall");
if (args.Length > 0 && args[0] == "paired-gpt")
    return Paired.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40, "gpt");

// Idle OpenMP workers sleep instead of spinning in every benchmark process (NetDsl.Runtime sets OMP_WAIT_POLICY=PASSIVE
// as the generated code loads libtorch): on a 2-core machine spinning workers make timings depend on whatever else
// runs. Both sides of each ratio get the same.
var config = DefaultConfig.Instance
    .WithOptions(ConfigOptions.JoinSummary)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
BenchmarkSwitcher.FromAssembly(typeof(ModuleBenchmarks).Assembly).Run(args, config);
return 0;
