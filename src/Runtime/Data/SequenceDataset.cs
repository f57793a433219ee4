using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Token-id sequences held in memory, each with a target id per position: a batch is int64 inputs <c>[N, t]</c> and
/// targets <c>[N, t]</c>, padded to the longest sequence of the batch (inputs with <see cref="PaddingId"/>, targets
/// with <see cref="IgnoreIndex"/>, which <c>Losses.TokenCrossEntropy</c> and the token metrics skip), so a network
/// declared with <c>input tokens [t &lt;= context]</c> sees no longer sequence than the batch needs.
/// <see cref="ForNextToken"/> makes a language model's data (each position's target is the next token; the prompt's
/// positions are not trained on).
/// </summary>
public sealed class SequenceDataset : IDataset
{
    /// <summary>The target of a position no loss or metric counts: PyTorch's default <c>ignore_index</c>.</summary>
    public const long IgnoreIndex = -100;

    private readonly long[][] _inputs;
    private readonly long[][] _targets;

    /// <summary>Sequences and their per-position targets (a target of <see cref="IgnoreIndex"/> is not counted).</summary>
    /// <param name="inputs">Each sample's token ids, at least one each, none negative.</param>
    /// <param name="targets">Each sample's target ids, as many as its inputs; <see cref="IgnoreIndex"/> or an id.</param>
    /// <param name="paddingId">The id that pads shorter inputs of a batch (their targets there are ignored).</param>
    /// <param name="vocabularySize">When given, every input and target id must be below it.</param>
    /// <exception cref="ArgumentException">A sample is empty, its lengths differ, or an id is out of range; the message names the sample and position.</exception>
    public SequenceDataset(IReadOnlyList<IReadOnlyList<long>> inputs, IReadOnlyList<IReadOnlyList<long>> targets,
        long paddingId = 0, long? vocabularySize = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count != targets.Count)
            throw new ArgumentException($"{inputs.Count} input sequences but {targets.Count} target sequences: every sequence needs its targets");
        if (vocabularySize is < 1)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"a vocabulary has at least one token, not {vocabularySize}");
        CheckId(paddingId, "the padding id", vocabularySize);
        _inputs = new long[inputs.Count][];
        _targets = new long[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i]?.ToArray() ?? throw new ArgumentException($"sequence {i} is null");
            var target = targets[i]?.ToArray() ?? throw new ArgumentException($"the targets of sequence {i} are null");
            if (input.Length == 0)
                throw new ArgumentException($"sequence {i} is empty; a sequence needs at least one token");
            if (target.Length != input.Length)
                throw new ArgumentException($"sequence {i} has {input.Length} tokens but {target.Length} targets; every position needs a target (IgnoreIndex for none)");
            for (var p = 0; p < input.Length; p++)
            {
                CheckId(input[p], $"token {p} of sequence {i}", vocabularySize);
                if (target[p] != IgnoreIndex)
                    CheckId(target[p], $"target {p} of sequence {i}", vocabularySize);
            }
            _inputs[i] = input;
            _targets[i] = target;
            MaxLength = Math.Max(MaxLength, input.Length);
        }
        PaddingId = paddingId;
    }

    /// <summary>
    /// A language model's data: sample i is <c>sequences[i]</c> without its last token, and each position's target is
    /// the token after it; the targets of the first <c>promptLengths[i] - 1</c> positions (those that predict a prompt
    /// token) are ignored, so only the answer is trained on and measured. Sequences need two tokens or more.
    /// </summary>
    /// <param name="sequences">Whole sequences: prompt, then answer (and an end token, if the answer's length varies).</param>
    /// <param name="promptLengths">Each sequence's prompt length (at least 1), or null to train on every next token.</param>
    /// <param name="paddingId">The id that pads shorter inputs of a batch.</param>
    /// <param name="vocabularySize">When given, every id must be below it.</param>
    public static SequenceDataset ForNextToken(IReadOnlyList<IReadOnlyList<long>> sequences, IReadOnlyList<int>? promptLengths = null,
        long paddingId = 0, long? vocabularySize = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (promptLengths is not null && promptLengths.Count != sequences.Count)
            throw new ArgumentException($"{sequences.Count} sequences but {promptLengths.Count} prompt lengths");
        var inputs = new long[sequences.Count][];
        var targets = new long[sequences.Count][];
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i] ?? throw new ArgumentException($"sequence {i} is null");
            if (sequence.Count < 2)
                throw new ArgumentException($"sequence {i} has {sequence.Count} token(s); predicting a next token needs at least 2");
            var prompt = promptLengths?[i] ?? 1;
            if (prompt < 1 || prompt >= sequence.Count)
                throw new ArgumentException($"sequence {i} has {sequence.Count} tokens, so its prompt length must be 1 to {sequence.Count - 1}, not {prompt}");
            // Checked here so that a message names the position in the sequence given, not in the shifted sample.
            for (var p = 0; p < sequence.Count; p++)
                CheckId(sequence[p], $"token {p} of sequence {i}", vocabularySize);
            inputs[i] = sequence.Take(sequence.Count - 1).ToArray();
            targets[i] = sequence.Skip(1).Select((id, p) => p < prompt - 1 ? IgnoreIndex : id).ToArray();
        }
        return new SequenceDataset(inputs, targets, paddingId, vocabularySize);
    }

    public long Count => _inputs.Length;

    /// <summary>Sequences have no class names (their targets are token ids).</summary>
    public IReadOnlyList<string>? Classes => null;

    /// <summary>The id that pads the inputs of shorter sequences in a batch.</summary>
    public long PaddingId { get; }

    /// <summary>The longest sequence's length: a network's declared context must be at least this.</summary>
    public int MaxLength { get; }

    /// <summary>Sample <paramref name="index"/>'s input ids (a copy).</summary>
    public long[] Input(long index) => (long[])_inputs[CheckIndex(index)].Clone();

    /// <summary>Sample <paramref name="index"/>'s targets (a copy; <see cref="IgnoreIndex"/> where not counted).</summary>
    public long[] Target(long index) => (long[])_targets[CheckIndex(index)].Clone();

    public Batch GetBatch(IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
            throw new ArgumentException("a batch needs at least one sample", nameof(indices));
        var length = 0;
        foreach (var index in indices)
            length = Math.Max(length, _inputs[CheckIndex(index)].Length);
        var inputs = new long[indices.Count * length];
        var targets = new long[indices.Count * length];
        for (var row = 0; row < indices.Count; row++)
        {
            var input = _inputs[indices[row]];
            var target = _targets[indices[row]];
            var start = row * length;
            Array.Copy(input, 0, inputs, start, input.Length);
            Array.Copy(target, 0, targets, start, target.Length);
            Array.Fill(inputs, PaddingId, start + input.Length, length - input.Length);
            Array.Fill(targets, IgnoreIndex, start + target.Length, length - target.Length);
        }
        TorchNative.EnsureLoaded();
        var shape = new long[] { indices.Count, length };
        return new Batch(torch.tensor(inputs, shape, torch.int64), torch.tensor(targets, shape, torch.int64));
    }

    private int CheckIndex(long index) => index >= 0 && index < _inputs.Length
        ? (int)index
        : throw new ArgumentOutOfRangeException(nameof(index), $"sample {index} does not exist: the dataset has {_inputs.Length} sequences");

    private static void CheckId(long id, string what, long? vocabularySize)
    {
        if (id < 0)
            throw new ArgumentException($"{what} is {id}; token ids are 0 or more");
        if (vocabularySize is { } size && id >= size)
            throw new ArgumentException($"{what} is {id}, outside the vocabulary of {size} tokens (ids 0 to {size - 1})");
    }
}
