namespace NetDsl.Cli;

/// <summary>A command line that cannot run: the message says what is wrong.</summary>
public sealed class UsageException : System.Exception
{
    public UsageException(string message) : base(message)
    {
    }
}
