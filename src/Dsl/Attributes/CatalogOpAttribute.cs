using System;
using System.ComponentModel;

namespace NetDsl;

/// <summary>Marks an attribute class with the catalog op it declares (<c>conv</c>, <c>bn</c>, ...). Used by the generator, not by users.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CatalogOpAttribute : Attribute
{
    public CatalogOpAttribute(string op) => Op = op;

    /// <summary>The op's name in the catalog and in <c>.net</c> files.</summary>
    public string Op { get; }
}
