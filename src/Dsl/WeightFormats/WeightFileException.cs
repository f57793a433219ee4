namespace NetDsl.WeightFormats;

/// <summary>A weight file that cannot be read as its format says: the message names the problem and, where there is one, the tensor.</summary>
public sealed class WeightFileException : System.Exception
{
    public WeightFileException(string message) : base(message) { }
}
