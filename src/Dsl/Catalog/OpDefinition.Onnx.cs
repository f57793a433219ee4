using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog;

// The ONNX lowering of an op, beside its catalog entry (src/Dsl/Catalog/Ops/<Op>.Onnx.cs).
public abstract partial class OpDefinition
{
    /// <summary>
    /// Adds the op's nodes in evaluation mode to <paramref name="context"/>'s graph and returns its output values (one; a
    /// value per part for an op that <see cref="ReturnsSeveral"/>). An op without a lowering refuses with an
    /// <see cref="OnnxExportException"/> naming the layer, so an export never writes a wrong graph.
    /// </summary>
    public virtual IReadOnlyList<string> LowerOnnx(OnnxOpContext context) => throw context.NoLowering();

    /// <summary>Whether the op has an ONNX lowering (docs/export.md's table; the export refuses the others).</summary>
    public virtual bool HasOnnxLowering => false;
}
