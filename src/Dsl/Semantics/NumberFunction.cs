namespace NetDsl.Semantics;

/// <summary>The functions on numbers, named as Python names them (<c>ceil</c> and <c>floor</c> are its <c>math.ceil</c> and <c>math.floor</c>).</summary>
public enum NumberFunction
{
    Max,
    Min,
    Round,
    Ceil,
    Floor,
    Int,
}
