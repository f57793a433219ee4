namespace NetDsl.Compiler;

/// <summary>
/// How many networks and blocks one project may declare, and how many statements they may write out together. Each
/// declaration is checked and emitted on its own and costs the C# compiler a few KB of generated code however small
/// it is, and each statement it writes out (a layer, merge or function, each copy of an unrolled <c>(...) * n</c>)
/// costs the compiler about 6 ms and 580 bytes more, so both numbers bound the build (issue #11: a 1 MB file of
/// 21,980 one-line networks ran past 400 s; four networks of 2,000 written-out convs, 200 KB, took 47 s and 3.4 GB).
/// The declarations past either are left out, so the build stays bounded and says why; ND0120 or ND0123 is reported
/// on the first.
/// </summary>
/// <param name="Declarations">The most networks and blocks a project may declare.</param>
/// <param name="Statements">The most statements the project's networks and blocks may write out together.</param>
public sealed record DeclarationLimit(int Declarations, int Statements)
{
    /// <summary>
    /// The project's limits: 1,000 networks of five layers build in 29–39 s of processor time on a shared 2-core
    /// machine, 2,000 took 55 s of the 60 s target; 8,000 written-out convs in four networks build in 34 s and 560 MB
    /// (docs/generator.md, Limits).
    /// </summary>
    public static DeclarationLimit Project { get; } = new(1_000, 8_000);

    internal string Message(string keyword, string name) =>
        $"{keyword} '{name}' is past the {Declarations:N0} networks and blocks a project may declare; it and the declarations after it " +
        "(files in path order) are not checked and get no code. Move networks to another project";

    internal string StatementsMessage(string keyword, string name, int statements, int before) =>
        $"{keyword} '{name}' writes out {statements:N0} statements, and the declarations before it (files in path order) {before:N0}: " +
        $"more than the {Statements:N0} a project's networks and blocks may write out together. It and the declarations after it are not checked and get no code. " +
        "Repeat what repeats ('conv(8, 3) * n' and 'B() * n' are loops in the generated code, a written-out '(...) * n' is not), or move networks to another project";
}
