namespace NetDsl.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The declarations have errors (or an export could not be written from them).</summary>
    public const int Errors = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing file.</summary>
    public const int Usage = 2;
}
