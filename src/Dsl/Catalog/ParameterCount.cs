namespace NetDsl.Catalog;

/// <summary>Trainable parameters and non-trainable buffers (batch-norm statistics) of a layer.</summary>
public readonly record struct ParameterCount(long Trainable, long Buffers)
{
    public static ParameterCount None => default;

    public static ParameterCount operator +(ParameterCount a, ParameterCount b) => new(checked(a.Trainable + b.Trainable), checked(a.Buffers + b.Buffers));
}
