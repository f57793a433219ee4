using System.Collections.Generic;

namespace NetDsl.Diagnostics;

/// <summary>
/// Every NetDsl diagnostic. IDs are stable: ND00xx syntax, ND01xx names, arguments and types, ND02xx shapes,
/// ND04xx outputs, ND9xxx the tool itself. docs/diagnostics.md has an entry for each.
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
    public static readonly DslDescriptor NameTooLong = Add("ND0006", "Name too long", Syntax, DslSeverity.Error);

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
    public static readonly DslDescriptor UnusedOutput = Add("ND0118", "Result never used", Names, DslSeverity.Warning);
    public static readonly DslDescriptor ProjectLayerBudget = Add("ND0119", "Project layer budget exceeded", Names, DslSeverity.Error);
    public static readonly DslDescriptor TooManyDeclarations = Add("ND0120", "Too many networks and blocks", Names, DslSeverity.Error);
    public static readonly DslDescriptor BodyTooLong = Add("ND0121", "Too many statements in one body", Names, DslSeverity.Error);
    public static readonly DslDescriptor UnappliedLayer = Add("ND0122", "Declared layer never applied", Names, DslSeverity.Error);
    public static readonly DslDescriptor ProjectStatementBudget = Add("ND0123", "Project statement budget exceeded", Names, DslSeverity.Error);

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
    public static readonly DslDescriptor NotAPermutation = Add("ND0212", "Permute does not list every axis once", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor PastTheEnd = Add("ND0213", "Index or slice past the end of an axis", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor SymbolicSize = Add("ND0214", "Symbolic size where a number is needed", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor IdsNotFloats = Add("ND0215", "Token ids into an op that computes with floats", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor InputMismatch = Add("ND0216", "Input does not match the declared shape (run time)", Shapes, DslSeverity.Error);

    // Sequence models: normalisation, embeddings, attention, tied weights.
    public static readonly DslDescriptor NormalizedShapeMismatch = Add("ND0220", "Normalised shape does not match the input", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor HeadsDoNotDivide = Add("ND0221", "Heads do not divide the width", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor CausalNotSquare = Add("ND0222", "Causal mask on attention between different lengths", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor PositionsPastEmbedding = Add("ND0223", "Position embedding shorter than the sequence", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor NotASequence = Add("ND0224", "Attention needs a sequence [tokens, features]", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor TiedWeightMismatch = Add("ND0225", "Tied weight missing or of another shape", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor FloatsNotIds = Add("ND0226", "Floats into an op that looks up token ids", Shapes, DslSeverity.Error);
    // Vision ops (issue #13, phase 2).
    public static readonly DslDescriptor WindowHeadsDoNotDivide = Add("ND0230", "Heads do not divide the channels", Shapes, DslSeverity.Error);
    public static readonly DslDescriptor NotChannelsLast = Add("ND0231", "Op needs a channels-last [H, W, C] input", Shapes, DslSeverity.Error);

    // ND04xx: what a network's outputs are.
    private const string Outputs = "NetDsl.Outputs";

    public static readonly DslDescriptor OutputKindInBlock = Add("ND0401", "Output kind decided by a condition the network cannot evaluate", Outputs, DslSeverity.Error);
    public static readonly DslDescriptor MisplacedOutputs = Add("ND0402", "Output statement outside the end of a network", Outputs, DslSeverity.Error);
    public static readonly DslDescriptor InvalidOutput = Add("ND0403", "Output that is not one tensor, always or while training", Outputs, DslSeverity.Error);

    public static readonly DslDescriptor InternalError = Add("ND9999", "NetDsl internal error", Tool, DslSeverity.Error);

    // ND03xx: the C# front-end ([Network] and [Block] classes); docs/diagnostics-csharp.md has an entry for each.
    private const string CSharpFrontEnd = "NetDsl.CSharp";

    public static readonly DslDescriptor ClassNotPartial = Add("ND0301", "Network or block class is not partial", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor GenericClass = Add("ND0302", "Network or block class is generic", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor ContainingTypeNotPartial = Add("ND0303", "Containing type is not partial", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor UnsupportedClass = Add("ND0304", "Class cannot hold a network or block", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor InvalidStageMember = Add("ND0305", "Layers on a member that cannot be a stage", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor InvalidStageProperty = Add("ND0306", "Stage property is not a public get-only instance property", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor MemberNameConflict = Add("ND0307", "Stage name conflicts with a member", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor WrongAttributeArgument = Add("ND0308", "Attribute argument of the wrong type", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor UnsupportedString = Add("ND0309", "String argument is not a plain literal", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor InvalidName = Add("ND0310", "Invalid name", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor StatementsNotAlone = Add("ND0311", "Statements mixed with other layers", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor NamespaceOutsideRoot = Add("ND0312", "Class outside the project's root namespace", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor EmptyStage = Add("ND0313", "Stage without layers", CSharpFrontEnd, DslSeverity.Warning);
    public static readonly DslDescriptor StageInOtherPart = Add("ND0314", "Stage in another part of the class", CSharpFrontEnd, DslSeverity.Error);
    public static readonly DslDescriptor StagePropertyType = Add("ND0315", "Stage property's type cannot hold its child", CSharpFrontEnd, DslSeverity.Error);

    public static IReadOnlyList<DslDescriptor> All => AllDescriptors;

    private static DslDescriptor Add(string id, string title, string category, DslSeverity severity)
    {
        var descriptor = new DslDescriptor(id, title, category, severity);
        AllDescriptors.Add(descriptor);
        return descriptor;
    }
}
