using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;

namespace NetDsl.Examples.Gpt;

/// <summary>What a run measured.</summary>
/// <param name="TrainingSeconds">Wall time of <c>Trainer.Fit</c>.</param>
/// <param name="ExactMatch">Held-out problems answered exactly, teacher-forced (the trainer's metric).</param>
/// <param name="GeneratedExactMatch">Held-out problems answered exactly by greedy generation from the prompt alone.</param>
public sealed record AdderResult(TrainingHistory History, double TrainingSeconds, double ExactMatch, double GeneratedExactMatch);

/// <summary>Trains <see cref="Adder"/> on generated addition problems and measures it on problems it never saw.</summary>
public static class AdderTraining
{
    private const int Depth = 2;

    public static AdderResult Run(AdderOptions options, TextWriter output, ITrainingProgress? progress = null)
    {
        var problems = new AdditionProblems(digits: 3);
        var (trainIndices, heldOutIndices) = problems.Split(options.Train, options.HeldOut, options.Seed);
        var train = Dataset(problems, trainIndices);
        var heldOut = Dataset(problems, heldOutIndices);
        output.WriteLine($"Data: {train.Count:N0} training and {heldOut.Count:N0} held-out problems (of {problems.Count:N0}), " +
                         $"e.g. {AdditionProblems.Text(problems.Sequence(123, 489))} (the sum's digits reversed).");

        Determinism.Seed(options.Seed);
        using var model = new Adder(vocab: AdditionProblems.Vocabulary, context: 16, depth: Depth);
        GptInitialization.Apply(model, Depth);
        var stepsPerEpoch = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Optimizer = Optimizers.AdamW(lr: options.LearningRate, weightDecay: 0.1, beta2: 0.99),
            Loss = Losses.TokenCrossEntropy(),
            Metrics = new[] { Metrics.ExactMatch(), Metrics.TokenAccuracy() },
            LearningRateSchedule = optimizer => torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr: options.LearningRate, total_steps: Math.Max(options.Epochs * stepsPerEpoch, 10)),
            ScheduleStep = ScheduleStep.Batch,
            Progress = progress,
        });
        output.WriteLine($"Training Adder ({Adder.ParameterCount:N0} parameters) for {options.Epochs} epochs of {stepsPerEpoch} batches " +
                         $"on {trainer.Device.type} ({torch.get_num_threads()} threads):");
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(train, heldOut);
        var seconds = clock.Elapsed.TotalSeconds;

        var exactMatch = trainer.Evaluate(heldOut)["exact_match"];
        var generated = GeneratedExactMatch(model, problems, heldOutIndices, out var samples);
        output.WriteLine();
        output.WriteLine($"Trained in {seconds:F0} s. Held-out problems answered exactly: {exactMatch:P2} (teacher-forced), {generated:P2} (generated from the prompt).");
        output.WriteLine("Samples (generated; the answer is written last digit first, then read back):");
        foreach (var line in samples.Take(options.Samples))
            output.WriteLine("  " + line);
        return new AdderResult(history, seconds, exactMatch, generated);
    }

    /// <summary>Every problem as prompt and answer; only the answer's tokens are trained on and measured.</summary>
    public static SequenceDataset Dataset(AdditionProblems problems, IReadOnlyList<long> indices)
    {
        var sequences = indices.Select(i => (IReadOnlyList<long>)problems.Sequence(problems.Operands(i).A, problems.Operands(i).B)).ToArray();
        var prompts = Enumerable.Repeat(problems.PromptLength, sequences.Length).ToArray();
        return SequenceDataset.ForNextToken(sequences, prompts, vocabularySize: AdditionProblems.Vocabulary);
    }

    /// <summary>The share of problems whose answer greedy generation gets right, and a line per problem.</summary>
    private static double GeneratedExactMatch(Adder model, AdditionProblems problems, IReadOnlyList<long> indices, out List<string> lines)
    {
        lines = new List<string>();
        var right = 0;
        const int batch = 500;
        for (var start = 0; start < indices.Count; start += batch)
        {
            var part = indices.Skip(start).Take(batch).Select(problems.Operands).ToArray();
            using var scope = torch.NewDisposeScope();
            var prompts = torch.tensor(part.SelectMany(p => problems.Prompt(p.A, p.B)).ToArray(), new long[] { part.Length, problems.PromptLength });
            var generated = model.Generate(prompts, problems.AnswerLength);
            for (var row = 0; row < part.Length; row++)
            {
                var tokens = generated[row].data<long>().ToArray();
                var answer = AdditionProblems.ReadAnswer(tokens.Skip(problems.PromptLength));
                var (a, b) = part[row];
                var correct = answer == a + b;
                right += correct ? 1 : 0;
                lines.Add($"{AdditionProblems.Text(tokens)}  {a} + {b} = {answer?.ToString() ?? "?"}{(correct ? "" : $"  (wrong: {a + b})")}");
            }
        }
        // Wrong answers first among the samples shown, if there are any.
        lines = lines.OrderBy(l => l.Contains("wrong") ? 0 : 1).ToList();
        return (double)right / indices.Count;
    }
}
