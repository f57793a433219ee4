namespace NetDsl.Compiler;

/// <summary>
/// How many networks and blocks one project may declare. Each is checked and emitted on its own and costs the C#
/// compiler a few KB of generated code however small it is, so their number bounds the build (issue #11: a 1 MB
/// file of 21,980 one-line networks ran past 400 s). The declarations past it are left out, so the build stays
/// bounded and says why; ND0120 is reported on the first.
/// </summary>
/// <param name="Declarations">The most networks and blocks a project may declare.</param>
public sealed record DeclarationLimit(int Declarations)
{
    /// <summary>The project's limit: 1,000 networks of five layers build in 29–39 s of processor time on a shared 2-core machine, 2,000 took 55 s of the 60 s target (docs/generator.md, Limits).</summary>
    public static DeclarationLimit Project { get; } = new(1_000);

    internal string Message(string keyword, string name) =>
        $"{keyword} '{name}' is past the {Declarations:N0} networks and blocks a project may declare; it and the declarations after it " +
        "(files in path order) are not checked and get no code. Move networks to another project";
}
