using System.Collections.Generic;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;

namespace NetDsl.Analysis;

/// <summary>One analysed state of a project: its parsed files, the build's diagnostics, the shapes of every site.</summary>
public sealed class ProjectSnapshot
{
    private SymbolIndex? _symbols;

    public ProjectSnapshot(IReadOnlyDictionary<string, SyntaxUnit> files, EquatableArray<DslDiagnostic> diagnostics, ShapeTable shapes)
    {
        Files = files;
        Diagnostics = diagnostics;
        Shapes = shapes;
    }

    /// <summary>Every file by path, parsed (with its syntax errors).</summary>
    public IReadOnlyDictionary<string, SyntaxUnit> Files { get; }

    /// <summary>What the build reports for these files: the same IDs, messages and spans, in the build's order.</summary>
    public EquatableArray<DslDiagnostic> Diagnostics { get; }

    public ShapeTable Shapes { get; }

    /// <summary>The blocks, networks, parameters, values and labels of every file, with their references; built on first use.</summary>
    public SymbolIndex Symbols => _symbols ??= SymbolIndex.Build(Files.Values);
}
