using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Outputs;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Inference;

/// <summary>
/// Greedy generation with a GPT-style network: a module from token ids <c>[N, t]</c> to next-token scores
/// <c>[N, t, vocabulary]</c> (any output kind: the most likely token is the same for scores and probabilities).
/// Each step runs the network on the sequence so far, cropped to its declared context (nanoGPT's <c>generate</c>
/// does the same), and appends the most likely next token. Generated networks keep no key/value cache, so each step
/// reruns the whole (cropped) sequence.
/// </summary>
public static class TokenGeneration
{
    /// <summary>
    /// Continues <paramref name="prompts"/> <c>[N, t]</c> (int64 ids, every row the same length) by up to
    /// <paramref name="maxNewTokens"/> tokens, greedily. Returns the prompts and what follows, <c>[N, t + k]</c> on the
    /// CPU; with a <paramref name="stopToken"/>, a row that produced it is continued with it, and generation ends early
    /// (k &lt; <paramref name="maxNewTokens"/>) once every row has. Runs in eval mode without gradients, on the model's
    /// device; the training mode is restored afterwards. <paramref name="context"/> is the most tokens the network reads:
    /// a NetDsl network declared with <c>input tokens [t &lt;= n]</c> says it (n), and a smaller number lowers it; another
    /// module reads the whole sequence unless it is given.
    /// </summary>
    /// <exception cref="ArgumentException">The prompts are not int64 <c>[N, t]</c>, the network does not take a sequence of token ids of any length up to a bound, or its output is not <c>[N, t, vocabulary]</c>.</exception>
    public static Tensor Generate(this nn.Module model, Tensor prompts, int maxNewTokens, long? stopToken = null, int? context = null)
    {
        TorchNative.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.dim() != 2 || prompts.dtype != ScalarType.Int64 || prompts.shape[1] == 0)
            throw new ArgumentException($"prompts are int64 token ids [N, t] with t of 1 or more, not {prompts.dtype} [{string.Join(", ", prompts.shape)}]", nameof(prompts));
        if (maxNewTokens < 0)
            throw new ArgumentOutOfRangeException(nameof(maxNewTokens), $"cannot generate {maxNewTokens} tokens");
        if (context is < 1)
            throw new ArgumentOutOfRangeException(nameof(context), $"a context holds at least one token, not {context}");
        var window = ContextOf(model, context);
        var call = ModelCalls.For(model);
        var device = model.parameters().FirstOrDefault()?.device ?? CPU;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var sequence = prompts.to(device);
            Tensor? done = stopToken is null ? null : zeros(prompts.shape[0], dtype: ScalarType.Bool, device: device);
            for (var step = 0; step < maxNewTokens; step++)
            {
                var length = sequence.shape[1];
                var input = window is { } w && length > w ? sequence.narrow(1, length - w, w) : sequence;
                var scores = call(input)[0] ?? throw new InvalidOperationException($"{model.GetType().Name} returned no main output");
                if (scores.dim() != 3 || scores.shape[0] != input.shape[0] || scores.shape[1] != input.shape[1])
                    throw new ArgumentException($"{model.GetType().Name} returned [{string.Join(", ", scores.shape)}] for token ids [{string.Join(", ", input.shape)}]; " +
                                                "Generate needs next-token scores [N, t, vocabulary], one row per position", nameof(model));
                var next = scores.select(1, -1).argmax(-1);
                if (done is not null)
                {
                    next = where(done, full_like(next, stopToken!.Value), next);
                    done = done.logical_or(next.eq(stopToken!.Value));
                }
                sequence = cat(new[] { sequence, next.unsqueeze(1) }, 1);
                if (done is not null && done.all().item<bool>())
                    break;
            }
            return sequence.cpu().MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Continues one prompt by up to <paramref name="maxNewTokens"/> tokens, greedily, and returns the prompt and what
    /// follows; with a <paramref name="stopToken"/>, the sequence ends with the first one generated.
    /// </summary>
    public static long[] Generate(this nn.Module model, long[] prompt, int maxNewTokens, long? stopToken = null, int? context = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var ids = model.Generate(tensor(prompt, new long[] { 1, prompt.Length }, ScalarType.Int64), maxNewTokens, stopToken, context)
            .data<long>().ToArray();
        if (stopToken is { } stop)
        {
            var end = Array.IndexOf(ids, stop, prompt.Length);
            if (end >= 0)
                return ids[..(end + 1)];
        }
        return ids;
    }

    /// <summary>
    /// The most tokens the network reads at once: the bound of a NetDsl network's symbolic sequence axis
    /// (<c>input tokens [t &lt;= n]</c>), lowered by <paramref name="requested"/>; for another module, <paramref name="requested"/>.
    /// </summary>
    public static int? ContextOf(nn.Module model, int? requested = null)
    {
        if (model is not INetwork network)
            return requested;
        var shape = network.InputShape;
        if (!shape.IsIds || shape.Rank != 1 || !shape.IsSymbolic(0))
            throw new ArgumentException(
                $"{model.GetType().Name} takes {(shape.IsIds ? "token ids " : "")}{shape.ToDeclaredString()}; Generate needs a network that takes a sequence of " +
                "token ids of any length up to its context, declared 'input tokens [t <= context]'", nameof(model));
        var declared = (int)Math.Min(shape[0], int.MaxValue);
        return requested is { } r ? Math.Min(r, declared) : declared;
    }
}
