using System.Linq;
using System.Threading;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Semantics;

namespace NetDsl.Analysis;

/// <summary>
/// Checks one network unit for its shapes alone. Unlike the build, it checks a network even when it or a block it calls
/// has errors (a name being typed, a statement half written): the lowerer leaves such statements out, so the shapes
/// of everything else stay on screen while the user types. Its diagnostics are dropped; the build's come from
/// <see cref="DslCompiler"/>.
/// </summary>
internal static class NetworkShapes
{
    public static NetworkShapeTable Check(CompileUnit unit, CancellationToken cancellationToken)
    {
        var declarations = ProjectDeclarations.Build(unit.Files, null);
        var found = declarations.Networks.FirstOrDefault(n => n.Syntax.Name == unit.Name);
        if (found.Syntax is null) return NetworkShapeTable.Empty;
        var calls = declarations.CallsFrom(unit.Name);
        var reached = ProjectDeclarations.Reach(unit.Name, calls);
        var blocks = declarations.Blocks;
        foreach (var block in blocks.Values.Where(b => reached.Contains(b.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            block.Scope = Lowerer.LowerBlock(block, blocks, new DiagnosticBag(), out _);
        }
        // A block that reaches itself would never finish checking.
        foreach (var cycle in RecursionCheck.FindRecursive(calls.Where(c => blocks.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value)))
        {
            blocks[cycle.Block].Scope = null;
        }
        var (source, network) = found;
        var scope = Lowerer.LowerNetwork(network, source, blocks, new DiagnosticBag(), out _, out var inputShape);
        var recorder = new ShapeRecorder(network.Name);
        Checker.Check(scope, network, inputShape, new DiagnosticBag(), recorder);
        return recorder.Table;
    }
}
