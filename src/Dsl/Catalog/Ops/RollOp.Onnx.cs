using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class RollOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>ONNX has no Roll: each axis is two slices joined the other way round, x[n - s:] then x[:n - s].</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var shifts = c.Args.Ints("shifts");
        var dims = c.Args.Ints("dims");
        var value = c.Input;
        for (var i = 0; i < dims.Length; i++)
        {
            var axis = c.SampleAxis(dims[i]);
            if (c.InputShape.IsSymbolic(axis)) throw c.Unsupported($"rolling the symbolic axis '{c.InputShape.Symbol(axis)}' needs its size");
            var size = c.InputShape[axis];
            var shift = ((shifts[i] % size) + size) % size;
            if (shift == 0) continue;
            var tail = c.Slice(value, axis, size - shift, size, 1);
            var head = c.Slice(value, axis, 0, size - shift, 1);
            value = c.Node("Concat", new[] { tail, head }, OnnxAttribute.Of("axis", (long)axis + 1));
        }
        return OnnxOpContext.One(value == c.Input ? c.Node("Identity", new[] { value }) : value);
    }
}
