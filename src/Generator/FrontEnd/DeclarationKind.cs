namespace NetDsl.Generator.FrontEnd;

/// <summary>What a C# class declares: <c>[Network]</c> or <c>[Block]</c>.</summary>
internal enum DeclarationKind
{
    Network,
    Block,
}
