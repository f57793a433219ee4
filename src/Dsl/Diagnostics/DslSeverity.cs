namespace NetDsl.Diagnostics;

public enum DslSeverity
{
    Info,
    Warning,
    Error,
}
