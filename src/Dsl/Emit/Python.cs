using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Emit;

/// <summary>Python spelling helpers for the PyTorch emitter: identifiers that are no keyword and hide nothing the file uses.</summary>
internal static class Python
{
    private static readonly HashSet<string> Keywords = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
    };

    /// <summary>Names the file itself uses (imports, builtins the helpers call): no class or local takes them.</summary>
    public static readonly HashSet<string> FileNames = new() { "torch", "nn", "F", "OrderedDict", "self", "super", "float", "slice", "range", "attend" };

    /// <summary>
    /// Attributes every nn.Module has: a child of that name could not be set as an attribute (<c>self.training</c>), so it
    /// is registered with add_module and read with getattr, as any label that is no identifier.
    /// </summary>
    private static readonly HashSet<string> ModuleMembers = new()
    {
        "training", "forward", "train", "eval", "to", "cuda", "cpu", "type", "float", "double", "half", "apply", "children",
        "modules", "parameters", "buffers", "state_dict", "load_state_dict", "zero_grad", "register_buffer", "register_parameter",
        "add_module", "named_children", "named_modules", "named_parameters", "named_buffers", "requires_grad_", "extra_repr",
        "get_parameter", "get_submodule", "get_buffer", "dump_patches", "call_super_init",
    };

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_')) && !Keywords.Contains(name);

    /// <summary>Whether a child named <paramref name="name"/> can be written as <c>self.name</c>.</summary>
    public static bool IsAttribute(string name) => IsIdentifier(name) && !ModuleMembers.Contains(name) && !name.StartsWith("_", System.StringComparison.Ordinal);

    /// <summary>A name as a Python identifier: other characters become '_', a leading digit gets one before it, a keyword one after.</summary>
    public static string Identifier(string name)
    {
        var identifier = CSharp.IdentifierFor(name);
        return Keywords.Contains(identifier) || FileNames.Contains(identifier) ? identifier + "_" : identifier;
    }

    /// <summary>A Python string literal.</summary>
    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "") + "\"";
}
