namespace NetDsl.Generator.FrontEnd;

/// <summary>The metadata names of the attributes the C# front-end reads (src/Dsl/Attributes).</summary>
internal static class AttributeNames
{
    public const string Namespace = "NetDsl";

    public const string Network = "NetDsl.NetworkAttribute";

    public const string Block = "NetDsl.BlockAttribute";

    public const string Parameter = "NetDsl.ParameterAttribute";

    public const string Output = "NetDsl.OutputAttribute";

    public const string Label = "NetDsl.LabelAttribute";

    public const string Layers = "NetDsl.LayersAttribute";

    public const string Call = "NetDsl.CallAttribute";

    public const string Layer = "NetDsl.LayerAttribute";

    public const string CatalogOp = "NetDsl.CatalogOpAttribute";

    /// <summary>Properties of <c>LayerAttribute</c> itself, which every layer attribute has and no catalog argument is called.</summary>
    public const string LabelProperty = "Label";

    public const string RepeatProperty = "Repeat";
}
