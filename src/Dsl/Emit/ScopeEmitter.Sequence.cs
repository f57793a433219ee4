using System.Globalization;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Semantics;

namespace NetDsl.Emit;

// Learned tensors (own parameters and buffers of a scope's module) and layers that take another layer's parameter.
internal sealed partial class ScopeEmitter
{
    /// <summary>Whether the layer takes a parameter of another layer as its own (an argument naming it is given).</summary>
    internal static bool Borrows(LayerCall call)
    {
        if (call.Op is not { } op) return false;
        foreach (var (name, _) in call.Arguments)
        {
            if (op.Arguments[op.IndexOf(name)].Type == ArgType.Reference) return true;
        }
        return false;
    }

    /// <summary>
    /// The field of a learned tensor, named for TorchSharp by its state_dict key, so that .to(device or dtype), which
    /// registers a moved copy, sets it here too; and, when its sample rank depends on parameters, a field for that.
    /// </summary>
    private void WriteLearnedTensorFields(SourceWriter w, LearnedTensorInstruction tensor, string field)
    {
        var op = (LearnedTensorOp)tensor.Layer.Op!;
        w.Line($"[global::TorchSharp.Utils.ComponentName(Name = {CSharp.String(tensor.Name)})]");
        w.Line($"private {(op.Trainable ? "global::TorchSharp.Modules.Parameter" : "Tensor")} {field};");
        if (SampleRank(tensor) is null) w.Line($"private readonly int {field}Rank;");
    }

    /// <summary>Builds a learned tensor: its shape by the rule the build ran, the tensor, its registration under its name.</summary>
    private void WriteLearnedTensor(SourceWriter w, LearnedTensorInstruction tensor, string result)
    {
        var op = (LearnedTensorOp)tensor.Layer.Op!;
        var field = _fields[tensor.Result]!;
        var pathExpr = $"NetDslLayers.Join(path, {CSharp.String(tensor.Name)})";
        var code = OpCodeFor(tensor.Layer, new[] { "default" }, pathExpr);
        w.Line($"// {tensor.Name}: {Comment(null, tensor.Layer.Text, null)}{ShapeSuffix(tensor.Result)}");
        w.Line($"var {result} = {op.EmitShape(code, pathExpr)}.OrThrow();");
        ReadPath();
        w.Line($"{field} = {op.EmitModule(code)};");
        if (SampleRank(tensor) is null) w.Line($"{field}Rank = {result}.Rank;");
        w.Line($"register_{(op.Trainable ? "parameter" : "buffer")}({CSharp.String(tensor.Name)}, {field});");
        Shapes[tensor.Result] = result;
    }

    /// <summary>The value of a learned tensor in forward: expanded to the batch of the scope's input.</summary>
    private string LearnedTensorValue(LearnedTensorInstruction tensor, string input)
    {
        var field = _fields[tensor.Result]!;
        var rank = SampleRank(tensor)?.ToString(CultureInfo.InvariantCulture) ?? field + "Rank";
        return $"NetDslLayers.Batched({field}, {rank}, {input})";
    }

    /// <summary>The rank of the value's sample shape when it is a constant (the usual case: batch_axis written as true or false).</summary>
    private static int? SampleRank(LearnedTensorInstruction tensor)
    {
        var sizes = 0;
        var batchAxis = false;
        foreach (var (name, value) in tensor.Layer.Arguments)
        {
            if (name == "sizes") sizes = value is ListScalar list ? list.Items.Count : 1;
            else if (name == "batch_axis")
            {
                if (value is not ConstantScalar { Value.Kind: ValueKind.Bool } constant) return null;
                batchAxis = constant.Value.Bool;
            }
        }
        return batchAxis ? sizes - 1 : sizes;
    }
}
