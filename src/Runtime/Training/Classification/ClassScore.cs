namespace NetDsl.Runtime.Training;

/// <summary>Which per-class score a <see cref="ClassificationScore"/> reports.</summary>
public enum ClassScore
{
    Precision,
    Recall,
    F1,
}
