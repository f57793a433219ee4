using System;
using System.Linq;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Makes the parameters under the prefixes trainable from epoch <see cref="Epoch"/> on (fine-tuning after a frozen
/// warm-up). Stateless: on a resumed fit past that epoch they are simply unfrozen again.
/// </summary>
public sealed class UnfreezeAt : TrainingCallback
{
    private readonly string[] _prefixes;

    public UnfreezeAt(int epoch, params string[] prefixes)
    {
        if (epoch < 1)
            throw new ArgumentOutOfRangeException(nameof(epoch), "epochs are numbered from 1");
        if (prefixes.Length == 0)
            throw new ArgumentException("name at least one state_dict path prefix", nameof(prefixes));
        Epoch = epoch;
        _prefixes = prefixes.ToArray();
    }

    public int Epoch { get; }

    public override void OnEpochStart(TrainingContext context, int epoch)
    {
        if (epoch < Epoch || !context.Trainer.FrozenPrefixes.Any(f => _prefixes.Contains(f)))
            return;
        context.Trainer.Unfreeze(_prefixes);
        context.Log($"epoch {epoch}: unfroze {string.Join(", ", _prefixes)}");
    }
}
