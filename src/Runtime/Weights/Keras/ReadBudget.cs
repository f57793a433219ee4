namespace NetDsl.Runtime.Weights.Keras;

/// <summary>The bytes a reader may still produce from a file: at most what the file holds, in total.</summary>
internal sealed class ReadBudget
{
    public ReadBudget(long fileLength) => FileLength = fileLength;

    public long FileLength { get; }

    /// <summary>Bytes taken so far (including a refused request).</summary>
    public long Taken { get; private set; }

    /// <summary>Takes <paramref name="bytes"/>; false when that would pass the file's size.</summary>
    public bool Take(long bytes)
    {
        Taken = bytes > long.MaxValue - Taken ? long.MaxValue : Taken + bytes;
        return Taken <= FileLength;
    }
}
