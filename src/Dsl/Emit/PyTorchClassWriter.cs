using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Emit;

/// <summary>
/// Writes runs of scopes as Python classes: children built in <c>__init__</c> in the order the TorchSharp module registers
/// them (so state_dict order matches), and a <c>forward</c> that follows the IR line by line. Every number is the value the
/// checker evaluated for this run; a layer absent for these arguments is not written at all.
/// </summary>
internal sealed class PyTorchClassWriter
{
    private readonly PyTorchFile _file;
    private readonly PyTorchRecorder _recorder;
    private readonly List<string> _errors;

    public PyTorchClassWriter(PyTorchFile file, PyTorchRecorder recorder, List<string> errors)
    {
        _file = file;
        _recorder = recorder;
        _errors = errors;
    }

    /// <summary>The class of one run: written (or found, when an earlier run has the same body) and named after <paramref name="baseName"/>.</summary>
    public string ClassOf(ScopeRun run, string baseName, string description) => _file.Define(baseName, new Body(this, run, baseName, description).Write());

    private ScopeRun? RunAt(string path, string what)
    {
        if (_recorder.Runs.TryGetValue(path, out var run)) return run;
        _errors.Add($"{what} at '{path}' was not checked; nothing is exported");
        return null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The class body of one run, built line by line.</summary>
    private sealed class Body
    {
        private const string Indent = "        ";

        private readonly PyTorchClassWriter _writer;
        private readonly ScopeRun _run;
        private readonly Scope _scope;
        private readonly string _baseName;
        private readonly string _description;
        private readonly List<string> _init = new();
        private readonly List<string> _forward = new();
        private readonly string?[] _values;
        /// <summary>How many tensors a value holds: more than one for a parallel's copies and ops that return several.</summary>
        private readonly int[] _parts;
        private readonly HashSet<string> _locals = new(Python.FileNames);
        private int _index;

        public Body(PyTorchClassWriter writer, ScopeRun run, string baseName, string description)
        {
            _writer = writer;
            _run = run;
            _scope = run.Scope;
            _baseName = baseName;
            _description = description;
            _values = new string?[_scope.Values.Count];
            _parts = new int[_scope.Values.Count];
        }

        public string Write()
        {
            var inputs = _scope.Inputs.Select(Local).ToList();
            foreach (var input in _scope.Inputs) _parts[input] = 1;
            var whileTraining = InstructionInputs.OnlyWhileTraining(_scope);
            // Where each instruction's children start in __init__, so that a child declared before its use (name =
            // layer(...)) is created where it is declared: PyTorch registers children in the order they are assigned.
            var initStarts = new int[_scope.Instructions.Count];
            for (var i = 0; i < _scope.Instructions.Count; i++)
            {
                var instruction = _scope.Instructions[i];
                initStarts[i] = _init.Count;
                var start = _forward.Count;
                WriteInstruction(instruction);
                if (whileTraining[instruction.Result]) OnlyWhileTraining(start, instruction.Result);
                if (instruction is ApplyInstruction { DeclaredAt: { } at } apply && ScopeEmitter.RegistersEarlier(_scope, apply)) MoveToDeclaration(initStarts, i, at);
            }
            _forward.Add(_scope.Outputs.Count == 0
                ? $"return {Value(_scope.Output)}"
                : $"return {(_scope.Outputs.Count == 1 ? Value(_scope.Outputs[0].Value) : "(" + string.Join(", ", _scope.Outputs.Select(o => Value(o.Value))) + ")")}");

            var text = new StringBuilder();
            text.Append("    ").Append(Python.String(Docstring())).Append("\n\n");
            text.Append("    def __init__(self):\n").Append(Indent).Append("super().__init__()\n");
            foreach (var line in _init) text.Append(Indent).Append(line).Append('\n');
            text.Append("\n    def forward(self, ").Append(string.Join(", ", inputs)).Append("):\n");
            foreach (var line in _forward) text.Append(Indent).Append(line).Append('\n');
            return text.ToString();
        }

        /// <summary>Moves the __init__ lines of instruction <paramref name="index"/> before those of instruction <paramref name="declaredAt"/>.</summary>
        private void MoveToDeclaration(int[] initStarts, int index, int declaredAt)
        {
            var lines = _init.GetRange(initStarts[index], _init.Count - initStarts[index]);
            _init.RemoveRange(initStarts[index], lines.Count);
            _init.InsertRange(initStarts[declaredAt], lines);
            for (var k = declaredAt; k <= index; k++) initStarts[k] += lines.Count;
        }

        private string Docstring()
        {
            var arguments = _scope.Kind is ScopeKind.Network or ScopeKind.Block && _scope.Parameters.Count > 0
                ? "(" + string.Join(", ", _scope.Parameters.Select(p => $"{p.Name}={_run.Scalars.Parameter(p.Name)}")) + ")"
                : "";
            var shapes = string.Join(", ", _scope.Inputs.Select(i => _run.Values[i]?[0].ToString() ?? "?"));
            return _scope.Kind switch
            {
                ScopeKind.Network => $"Network {_description}{arguments}: input {shapes}.",
                ScopeKind.Block => $"Block {_description}{arguments} on input {shapes}.",
                ScopeKind.Parallel => $"A copy of the parallel body {_description} on input {shapes}.",
                _ => $"Group {_description} on input {shapes}.",
            };
        }

        private void WriteInstruction(Instruction instruction)
        {
            switch (instruction)
            {
                case ApplyInstruction apply:
                    Apply(apply);
                    break;
                case GroupInstruction group:
                    Group(group);
                    break;
                case MergeInstruction merge:
                    Merge(merge);
                    break;
                case FunctionInstruction function:
                    Function(function);
                    break;
                case ArithmeticInstruction arithmetic:
                    Arithmetic(arithmetic);
                    break;
                case ItemInstruction item:
                    Assign(item.Result, $"{Value(item.Source)}[{Int(item.Index)}]", 1);
                    break;
                case SelectInstruction select:
                    Alias(select.Result, Present(select.Condition) ? select.WhenTrue : select.WhenFalse);
                    break;
                case LearnedTensorInstruction tensor:
                    LearnedTensor(tensor);
                    break;
            }
        }

        private void Apply(ApplyInstruction apply)
        {
            if (!Present(apply.Condition))
            {
                Alias(apply.Result, apply.Inputs[0]);
                return;
            }
            var call = apply.Layer;
            var inputs = string.Join(", ", apply.Inputs.Select(Value));
            if (apply.IsSpliced)
            {
                var copies = Evaluate(apply.Repeat!).Int;
                var names = new List<string>();
                for (var i = 0; i < copies; i++) names.Add(apply.Template is { } template ? CopyName(template, i) : Int(_index + i));
                _index += (int)copies;
                var current = Value(apply.Inputs[0]);
                var result = Local(apply.Result);
                if (copies == 0) _forward.Add($"{result} = {current}");
                for (var i = 0; i < copies; i++)
                {
                    var path = Join(_run.Path, names[i]);
                    if (Copy(apply, path, i, i == 0 ? Shapes(apply.Inputs) : new[] { _writer._recorder.Outputs[Join(_run.Path, names[i - 1])] }) is not { } module) return;
                    Register(names[i], module.Module);
                    _forward.Add($"{result} = {Child(names[i])}({current})");
                    current = result;
                }
                _parts[apply.Result] = 1;
                return;
            }
            var child = apply.Label ?? Int(_index++);
            if (apply.Label is not null) _index++;
            var childPath = Join(_run.Path, child);
            if (apply.Repeat is null)
            {
                if (Copy(apply, childPath, null, Shapes(apply.Inputs)) is not { } module) return;
                Register(child, module.Module);
                foreach (var (key, reference) in module.Tied ?? System.Array.Empty<(string, string)>())
                    _init.Add($"{Child(child)}.{key} = {Reference(reference)}");
                Assign(apply.Result, $"{Child(child)}({inputs})", 1);
                return;
            }
            var count = Evaluate(apply.Repeat).Int;
            var modules = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var input = i == 0 ? Shapes(apply.Inputs) : new[] { _writer._recorder.Outputs[Join(childPath, Int(i - 1))] };
                if (Copy(apply, Join(childPath, Int(i)), i, input) is not { } module) return;
                if (module.Tied is not null)
                {
                    _writer._errors.Add($"layer '{Join(childPath, Int(i))}' ({call.Name}) takes another layer's weight inside a repetition, which the PyTorch export does not write yet");
                    return;
                }
                modules.Add(module.Module);
            }
            Register(child, Sequential(modules));
            Assign(apply.Result, $"{Child(child)}({inputs})", 1);
        }

        /// <summary>One copy of a layer (or the layer itself) at <paramref name="path"/>: its module, or null after reporting why not.</summary>
        private PyTorchLayer? Copy(ApplyInstruction apply, string path, long? copy, Shape[] inputs)
        {
            var call = apply.Layer;
            if (call.Block is { } block)
            {
                if (_writer.RunAt(path, $"block '{block.Name}'") is not { } blockRun) return null;
                return new PyTorchLayer(_writer.ClassOf(blockRun, block.Name, block.Name) + "()");
            }
            var output = _writer._recorder.Outputs.TryGetValue(path, out var shape) ? shape : inputs[0];
            return Emit(call, path, copy is { } index && apply.ArgumentsReadIndex ? index : null, inputs, output);
        }

        private PyTorchLayer? Emit(LayerCall call, string path, long? copy, Shape[] inputs, Shape output)
        {
            var op = call.Op!;
            var values = new ScalarValue?[op.Arguments.Count];
            foreach (var (name, scalar) in call.Arguments) values[op.IndexOf(name)] = Evaluate(copy is { } index ? AtCopy(scalar, index) : scalar);
            var layer = op.EmitPyTorch(new PyTorchCall(new OpArguments(op, values), inputs, output, _writer._file.Helpers));
            if (layer is null) _writer._errors.Add($"layer '{path}' ({call.Text}) is the op '{op.Name}', which has no PyTorch emission yet; nothing is exported");
            return layer;
        }

        private void Group(GroupInstruction group)
        {
            if (!Present(group.Condition))
            {
                Alias(group.Result, group.Input);
                return;
            }
            var child = group.Label ?? Int(_index++);
            if (group.Label is not null) _index++;
            var childPath = Join(_run.Path, child);
            var baseName = _baseName + CSharp.PascalIdentifier(group.Label ?? "Group");
            if (group.Count is not null)
            {
                var count = Evaluate(group.Count).Int;
                var branches = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    if (_writer.RunAt(Join(childPath, Int(i)), "a parallel body") is not { } branchRun) return;
                    branches.Add(_writer.ClassOf(branchRun, baseName + "Branch", $"'{group.Body.Name}' of {_baseName}") + "()");
                }
                Register(child, branches.Distinct().Count() == 1 && count > 1 ? $"nn.ModuleList([{branches[0]} for _ in range({Int(count)})])" : $"nn.ModuleList([{string.Join(", ", branches)}])");
                Assign(group.Result, $"[branch({Value(group.Input)}) for branch in {Child(child)}]", (int)count);
                return;
            }
            if (_writer.RunAt(childPath, $"group '{child}'") is not { } body) return;
            if (ScopeEmitter.IsLinear(group))
            {
                if (LinearGroup(group, body) is not { } sequential) return;
                Register(child, sequential);
            }
            else Register(child, _writer.ClassOf(body, baseName, $"'{child}' of {_baseName}") + "()");
            Assign(group.Result, $"{Child(child)}({Value(group.Input)})", 1);
        }

        /// <summary>A plain chain as nn.Sequential, its children numbered or labelled as the TorchSharp module's.</summary>
        private string? LinearGroup(GroupInstruction group, ScopeRun body)
        {
            var children = new List<(string Name, string Module)>();
            var index = 0;
            foreach (var instruction in group.Body.Instructions)
            {
                var apply = (ApplyInstruction)instruction;
                var name = apply.Label ?? Int(index);
                index++;
                var path = Join(body.Path, name);
                PyTorchLayer? module;
                if (apply.Layer.Block is { } block)
                    module = _writer.RunAt(path, $"block '{block.Name}'") is { } blockRun ? new PyTorchLayer(_writer.ClassOf(blockRun, block.Name, block.Name) + "()") : null;
                else
                {
                    var input = body.Values[apply.Inputs[0]]![0];
                    var output = body.Values[apply.Result]?[0] ?? input;
                    module = new Body(_writer, body, _baseName, _description).Emit(apply.Layer, path, null, new[] { input }, output);
                }
                if (module is null) return null;
                children.Add((name, module.Module));
            }
            if (children.Select((c, i) => c.Name == Int(i)).All(numbered => numbered))
                return Lines("nn.Sequential(", children.Select(c => c.Module), ")");
            return Lines("nn.Sequential(OrderedDict([", children.Select(c => $"({Python.String(c.Name)}, {c.Module})"), "]))");
        }

        private void Merge(MergeInstruction merge)
        {
            var items = merge.Inputs.SelectMany(v => Enumerable.Range(0, _parts[v]).Select(i => (Code: _parts[v] == 1 ? Value(v) : $"{Value(v)}[{Int(i)}]", Shape: _run.Values[v]![i]))).ToList();
            if (!Present(merge.Condition))
            {
                Assign(merge.Result, items[0].Code, 1);
                return;
            }
            if (merge.Kind == MergeKind.Concat)
            {
                var axis = merge.Axis is null ? 1 : PyTorchCall.BatchAxis(Evaluate(merge.Axis).Int);
                Assign(merge.Result, $"torch.cat([{string.Join(", ", items.Select(i => i.Code))}], {Int(axis)})", 1);
                return;
            }
            var symbol = merge.Kind == MergeKind.Add ? "+" : "*";
            var (code, shape) = items[0];
            for (var i = 1; i < items.Count; i++)
            {
                var (left, right) = (code, items[i].Code);
                var (leftShape, rightShape) = (shape, items[i].Shape);
                if (merge.Kind == MergeKind.Mul && leftShape.Rank == 3 && rightShape.Rank == 1 && rightShape[0] == leftShape[0]) right += "[:, :, None, None]";
                else if (merge.Kind == MergeKind.Mul && leftShape.Rank == 1 && rightShape.Rank == 3 && rightShape[0] == leftShape[0]) left += "[:, :, None, None]";
                else if (leftShape.Rank < rightShape.Rank) left += Unsqueezed(rightShape.Rank - leftShape.Rank);
                else if (rightShape.Rank < leftShape.Rank) right += Unsqueezed(leftShape.Rank - rightShape.Rank);
                code = $"{left} {symbol} {right}";
                shape = _run.Values[merge.Result]?[0] ?? (leftShape.Rank >= rightShape.Rank ? leftShape : rightShape);
            }
            Assign(merge.Result, code, 1);
        }

        /// <summary>Axes of size 1 after the batch axis, so sample shapes align at their last axis.</summary>
        private static string Unsqueezed(int count) => "[:" + string.Concat(Enumerable.Repeat(", None", count)) + "]";

        private void Function(FunctionInstruction function)
        {
            if (!Present(function.Condition))
            {
                Alias(function.Result, function.Input);
                return;
            }
            var input = _run.Values[function.Input]![0];
            var parts = _run.Values[function.Result];
            var path = _run.Path + "(" + function.Name + ")";
            if (Emit(function.Layer, path, null, new[] { input }, parts?[0] ?? input) is not { } layer) return;
            Assign(function.Result, layer.Call(Value(function.Input)), function.Layer.Op!.ReturnsSeveral ? parts?.Length ?? 1 : 1);
        }

        private void Arithmetic(ArithmeticInstruction arithmetic)
        {
            if (!Present(arithmetic.Condition))
            {
                Alias(arithmetic.Result, arithmetic.Input);
                return;
            }
            var value = Evaluate(arithmetic.Number);
            var number = value.Kind == ValueKind.Int ? Int(value.Int) : PyTorchCall.Float(value.AsFloat);
            var symbol = arithmetic.Operator switch
            {
                BinaryOperator.Add => "+",
                BinaryOperator.Subtract => "-",
                BinaryOperator.Multiply => "*",
                _ => "/",
            };
            var input = Value(arithmetic.Input);
            Assign(arithmetic.Result, arithmetic.NumberFirst ? $"{number} {symbol} {input}" : $"{input} {symbol} {number}", 1);
        }

        private void LearnedTensor(LearnedTensorInstruction tensor)
        {
            var op = (LearnedTensorOp)tensor.Layer.Op!;
            var shape = _run.Values[tensor.Result]![0];
            if (Emit(tensor.Layer, Join(_run.Path, tensor.Name), null, new[] { shape }, shape) is not { } layer) return;
            var name = tensor.Name;
            if (op.Trainable && Python.IsAttribute(name)) _init.Add($"self.{name} = {layer.Module}");
            else if (op.Trainable) _init.Add($"self.register_parameter({Python.String(name)}, {layer.Module})");
            else _init.Add($"self.register_buffer({Python.String(name)}, {layer.Module})");
            var stored = Python.IsAttribute(name) ? $"self.{name}" : $"getattr(self, {Python.String(name)})";
            var batchAxis = tensor.Layer.Arguments.Any(a => a.Name == "batch_axis" && Evaluate(a.Value).Bool);
            var rest = string.Concat(Enumerable.Repeat(", -1", shape.Rank));
            var batch = $"{Value(_scope.Inputs[0])}.shape[0]";
            Assign(tensor.Result, batchAxis ? $"{stored}.expand({batch}{rest})" : $"{stored}.unsqueeze(0).expand({batch}{rest})", 1);
        }

        /// <summary>Makes the forward lines from <paramref name="start"/> run only while training; in evaluation the value is None.</summary>
        private void OnlyWhileTraining(int start, int value)
        {
            var lines = _forward.Skip(start).ToList();
            if (lines.Count == 0) return;
            _forward.RemoveRange(start, lines.Count);
            var name = Value(value);
            if (lines.Count == 1 && lines[0].StartsWith(name + " = ", System.StringComparison.Ordinal))
            {
                _forward.Add($"{lines[0]} if self.training else None");
                return;
            }
            _forward.Add($"{name} = None");
            _forward.Add("if self.training:");
            _forward.AddRange(lines.Select(l => "    " + l));
        }

        private void Register(string child, string module) =>
            _init.Add(Python.IsAttribute(child) ? $"self.{child} = {module}" : $"self.add_module({Python.String(child)}, {module})");

        private static string Child(string child) => Python.IsAttribute(child) ? $"self.{child}" : $"getattr(self, {Python.String(child)})";

        /// <summary>A parameter another layer owns, by its path from this scope: <c>self.transformer.wte.weight</c>.</summary>
        private static string Reference(string path)
        {
            var code = "self";
            foreach (var segment in path.Split('.')) code = Python.IsAttribute(segment) ? $"{code}.{segment}" : $"getattr({code}, {Python.String(segment)})";
            return code;
        }

        /// <summary>nn.Sequential of the copies of a repetition; identical copies as one comprehension.</summary>
        private static string Sequential(List<string> modules) =>
            modules.Count > 1 && modules.Distinct().Count() == 1 ? $"nn.Sequential(*[{modules[0]} for _ in range({Int(modules.Count)})])"
            : modules.Count <= 1 ? $"nn.Sequential({string.Join(", ", modules)})"
            : Lines("nn.Sequential(", modules, ")");

        /// <summary>A call whose arguments go one a line, indented under the line that opens it.</summary>
        private static string Lines(string open, IEnumerable<string> items, string close) =>
            open + "\n" + string.Concat(items.Select(i => Indent + "    " + i + ",\n")) + Indent + close;

        private Shape[] Shapes(IReadOnlyList<int> values) => values.Select(v => _run.Values[v]![0]).ToArray();

        private void Assign(int value, string expression, int parts)
        {
            var name = Local(value);
            _forward.Add($"{name} = {expression}");
            _parts[value] = parts;
        }

        private void Alias(int value, int source)
        {
            _values[value] = Value(source);
            _parts[value] = _parts[source];
        }

        private string Value(int value) => _values[value] ?? Local(value);

        /// <summary>A value's local: its name in the declaration when that is a free Python identifier, else x and its id.</summary>
        private string Local(int value)
        {
            if (_values[value] is { } known) return known;
            var name = _scope.Values[value].Name ?? _scope.Names.FirstOrDefault(n => n.Value == value)?.Name;
            if (name is null || !Python.IsIdentifier(name) || System.Text.RegularExpressions.Regex.IsMatch(name, "^x[0-9]+$") || !_locals.Add(name))
            {
                name = "x" + Int(value);
                _locals.Add(name);
            }
            return _values[value] = name;
        }

        private bool Present(Scalar? condition) => condition is null || Evaluate(condition).Bool;

        private ScalarValue Evaluate(Scalar scalar) => ScalarEvaluator.Evaluate(scalar, _run.Scalars);

        private string CopyName(LabelTemplate template, long index)
        {
            var name = new StringBuilder();
            foreach (var part in template.Parts)
            {
                if (part.Text is { } text) name.Append(text);
                else name.Append(Int(Evaluate(AtCopy(part.Value!, index)).Int));
            }
            return name.ToString();
        }

        private static Scalar AtCopy(Scalar scalar, long index) =>
            scalar.Replace(s => s is IndexScalar ? new ConstantScalar(ScalarValue.OfInt(index), s.Range) : null);
    }
}
