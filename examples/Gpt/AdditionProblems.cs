using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetDsl.Examples.Gpt;

/// <summary>
/// The task: <c>a+b=</c> with a and b of <see cref="Digits"/> digits each (zero-padded), answered by the sum's
/// <see cref="Digits"/> + 1 digits written last digit first ("123+489=" is answered "2160", 612 reversed with its
/// leading zero). Reversed, the digit being written depends only on digits already seen and the carry, as in
/// written addition, so a small transformer learns it in minutes; a fixed width means the answer needs no end token.
/// Tokens: the digits 0-9 are ids 0-9, <c>+</c> is 10, <c>=</c> is 11.
/// </summary>
public sealed class AdditionProblems
{
    public const int Plus = 10;
    public const int EqualsSign = 11;
    public const int Vocabulary = 12;

    public AdditionProblems(int digits = 3)
    {
        if (digits is < 1 or > 9)
            throw new ArgumentOutOfRangeException(nameof(digits), $"operands have 1 to 9 digits, not {digits}");
        Digits = digits;
    }

    public int Digits { get; }

    /// <summary>Tokens of a prompt: a, '+', b, '='.</summary>
    public int PromptLength => 2 * Digits + 2;

    /// <summary>Tokens of an answer: the sum's digits, reversed.</summary>
    public int AnswerLength => Digits + 1;

    /// <summary>The number of different problems: every pair of operands.</summary>
    public long Count => (long)Math.Pow(10, 2 * Digits);

    /// <summary>The operands of problem <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public (long A, long B) Operands(long index)
    {
        var limit = (long)Math.Pow(10, Digits);
        return (index / limit, index % limit);
    }

    /// <summary>Prompt and answer of a + b as token ids.</summary>
    public long[] Sequence(long a, long b) => Prompt(a, b).Concat(Answer(a + b)).ToArray();

    public long[] Prompt(long a, long b) => DigitsOf(a, Digits).Append(Plus).Concat(DigitsOf(b, Digits)).Append(EqualsSign).ToArray();

    /// <summary>The sum's digits, last first.</summary>
    public long[] Answer(long sum) => DigitsOf(sum, AnswerLength).Reverse().ToArray();

    /// <summary>The number an answer's digits spell (last digit first); null when a token is not a digit.</summary>
    public static long? ReadAnswer(IEnumerable<long> reversedDigits)
    {
        long value = 0, scale = 1;
        foreach (var digit in reversedDigits)
        {
            if (digit is < 0 or > 9)
                return null;
            value += digit * scale;
            scale *= 10;
        }
        return value;
    }

    /// <summary>Tokens as text: "123+489=2160".</summary>
    public static string Text(IEnumerable<long> tokens)
    {
        var text = new StringBuilder();
        foreach (var token in tokens)
            text.Append(token switch { Plus => '+', EqualsSign => '=', >= 0 and <= 9 => (char)('0' + token), _ => '?' });
        return text.ToString();
    }

    /// <summary>
    /// Disjoint random problems: <paramref name="train"/> for training and <paramref name="heldOut"/> never trained on,
    /// drawn without repetition with <paramref name="seed"/>.
    /// </summary>
    public (long[] Train, long[] HeldOut) Split(int train, int heldOut, int seed)
    {
        if (train < 1 || heldOut < 1 || train + (long)heldOut > Count)
            throw new ArgumentOutOfRangeException(nameof(train), $"{train} training and {heldOut} held-out problems do not fit the {Count:N0} there are");
        var random = new Random(seed);
        var chosen = new HashSet<long>();
        var order = new List<long>(train + heldOut);
        while (order.Count < train + heldOut)
        {
            var index = random.NextInt64(Count);
            if (chosen.Add(index))
                order.Add(index);
        }
        return (order.Take(train).ToArray(), order.Skip(train).ToArray());
    }

    private static IEnumerable<long> DigitsOf(long value, int width)
    {
        var text = value.ToString().PadLeft(width, '0');
        return text.Select(c => (long)(c - '0'));
    }
}
