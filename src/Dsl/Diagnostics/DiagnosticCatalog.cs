using System.Collections.Generic;

namespace NetDsl.Diagnostics;

/// <summary>
/// Every NetDsl diagnostic. IDs are stable: ND00xx syntax, ND01xx names, arguments and types, ND02xx shapes,
/// ND9xxx the tool itself. docs/diagnostics.md has an entry for each.
/// </summary>
public static class DiagnosticCatalog
{
    private const string Syntax = "NetDsl.Syntax";
    private const string Names = "NetDsl.Names";
    private const string Shapes = "NetDsl.Shapes";
    private const string Tool = "NetDsl.Tool";

    private static readonly List<DslDescriptor> AllDescriptors = new();

    public static readonly DslDescriptor UnexpectedCharacter = Add("ND0001", "Unexpected character", Syntax, DslSeverity.Error);
    public static readonly DslDescriptor SyntaxError = Add("ND0002", "Syntax error", Syntax, DslSeverity.Error);
    public static readonly DslDescriptor NumberOutOfRange = Add("ND0003", "Number out of range", Syntax, DslSeverity.Error);
    public static readonly DslDescriptor MissingInputShape = Add("ND0004", "Network without an input shape", Syntax, DslSeverity.Error);
    public static readonly DslDescriptor NestingTooDeep = Add("ND0005", "Nesting too deep", Syntax, DslSeverity.Error);

    public static readonly DslDescriptor UnknownName = Add("ND0101", "Unknown op, block or value", Names, DslSeverity.Error);
    public static readonly DslDescriptor DuplicateDeclaration = Add("ND0102", "Duplicate network or block", Names, DslSeverity.Error);
    public static readonly DslDescriptor DuplicateParameter = Add("ND0103", "Duplicate parameter", Names, DslSeverity.Error);
    public static readonly DslDescriptor UnknownArgument = Add("ND0104", "Unknown argument", Names, DslSeverity.Error);
    public static readonly DslDescriptor MissingArgument = Add("ND0105", "Missing argument", Names, DslSeverity.Error);
    public static readonly DslDescriptor DuplicateArgument = Add("ND0106", "Argument given twice", Names, DslSeverity.Error);
    public static readonly DslDescriptor TooManyArguments = Add("ND0107", "Too many arguments", Names, DslSeverity.Error);
    public static readonly DslDescriptor WrongType = Add("ND0108", "Wrong type", Names, DslSeverity.Error);
    public static readonly DslDescriptor RecursiveBlock = Add("ND0109", "Recursive block", Names, DslSeverity.Error);
    public static readonly DslDescriptor DuplicateLabel = Add("ND0110", "Duplicate label", Names, DslSeverity.Error);
    public static readonly DslDescriptor UnusedValue = Add("ND0111", "Unused named value", Names, DslSeverity.Warning);
    public static readonly DslDescriptor DuplicateValue = Add("ND0112", "Name defined twice", Names, DslSeverity.Error);
    public static readonly DslDescriptor WrongInputCount = Add("ND0113", "Wrong number of inputs", Names, DslSeverity.Error);
    public static readonly DslDescriptor InvalidArgumentValue = Add("ND0114", "Invalid argument value", Names, DslSeverity.Error);
    public static readonly DslDescriptor RepeatCountTooLarge = Add("ND0115", "Repetition count out of range", Names, DslSeverity.Error);
    public static readonly DslDescriptor OuterValueInGroup = Add("ND0116", "Value used across a group boundary", Names, DslSeverity.Error);
    public static readonly DslDescriptor ReservedName = Add("ND0117", "Reserved name", Names, DslSeverity.Error);

    public static readonly DslDescriptor ShapeMismatch = Add("ND0201", "Merged values have different shapes", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor ConcatMismatch = Add("ND0202", "Concatenated values have different spatial sizes", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor EmptyOutput = Add("ND0203", "Output size not positive", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor KernelTooLarge = Add("ND0204", "Kernel larger than the padded input", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor GroupsDoNotDivide = Add("ND0205", "Groups do not divide the channels", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor NotFlat = Add("ND0206", "Op needs a flat input", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor ReshapeMismatch = Add("ND0207", "Reshape changes the element count", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor InFeaturesMismatch = Add("ND0208", "Declared input size differs from the actual one", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor NotSpatial = Add("ND0209", "Op needs a [C, H, W] input", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor BorderDropped = Add("ND0210", "Border pixels silently dropped", Shapes, DslSeverity.Warning);
    public static readonly DslDescriptor SizeOverflow = Add("ND0211", "Size overflows 64 bits", Shapes, DslSeverity.Error);

    public static readonly DslDescriptor InternalError = Add("ND9999", "NetDsl internal error", Tool, DslSeverity.Error);

    public static IReadOnlyList<DslDescriptor> All => AllDescriptors;

    private static DslDescriptor Add(string id, string title, string category, DslSeverity severity)
    {
        var descriptor = new DslDescriptor(id, title, category, severity);
        AllDescriptors.Add(descriptor);
        return descriptor;
    }
}
