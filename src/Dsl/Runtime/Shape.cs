using System;
using System.Globalization;
using System.Text;

namespace NetDsl;

/// <summary>
/// The shape of one sample (batch excluded), of any rank: <c>[C, H, W]</c> for images, <c>[N]</c> for vectors,
/// <c>[t, 768]</c> for a sequence. An axis may be <em>symbolic</em>: a name whose size the data decides at run time,
/// up to a bound; rules see the bound (<see cref="this[int]"/>) and remember the name (<see cref="Symbol"/>). Two
/// symbolic axes are equal only when they are the same symbol. Shared by the compile-time checker and generated
/// constructors, so both apply the same rules.
/// <para>
/// A rank-3 value of fixed sizes is read as a map <c>[C, H, W]</c>, channels first (<see cref="IsMap"/>), unless an op
/// that moves axes made it (<c>permute(1, 2, 0)</c> gives <c>[H, W, C]</c>): <c>linear</c> refuses a map (flatten it first) and maps
/// the last axis of anything else, as nn.Linear. That reading is not part of the shape: equal sizes are equal shapes.
/// </para>
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    private readonly long[]? _dims;

    /// <summary>The symbol of each axis (null for a fixed one); null when no axis is symbolic, as almost always.</summary>
    private readonly string?[]? _symbols;

    /// <summary>Made by an op that moves or merges axes (permute, reshape, ...): not a [C, H, W] map even at rank 3.</summary>
    private readonly bool _axesMoved;

    /// <summary>For token ids known to be below a number (the positions 0..n-1 of an axis): that number; 0 when unknown.</summary>
    private readonly long _idLimit;

    /// <summary>The path of the learned tensor (parameter or buffer) this value is, for messages; null for a computed value.</summary>
    private readonly string? _learned;

    public Shape(params long[] dims) => _dims = (long[])dims.Clone();

    // The two ranks a value has most often, without the params array the general constructor must copy: every layer of
    // a compile-time check makes a shape.

    /// <summary>A feature vector <c>[N]</c>.</summary>
    public Shape(long features) => _dims = new[] { features };

    /// <summary>An image <c>[C, H, W]</c>.</summary>
    public Shape(long channels, long height, long width) => _dims = new[] { channels, height, width };

    /// <summary>A shape whose axes may be symbolic and whose elements may be token ids.</summary>
    /// <param name="dims">Each axis's size; a symbolic axis's bound.</param>
    /// <param name="symbols">Each axis's symbol, null for a fixed axis; null when none is symbolic.</param>
    /// <param name="elements">Floats, or token ids.</param>
    public Shape(long[] dims, string?[]? symbols, ElementKind elements = ElementKind.Float)
        : this((long[])dims.Clone(), symbols is null ? null : (string?[])symbols.Clone(), elements, owned: true)
    {
    }

    /// <summary>Takes the arrays as they are (the rules build fresh ones).</summary>
    private Shape(long[] dims, string?[]? symbols, ElementKind elements, bool owned, bool axesMoved = false, long idLimit = 0, string? learned = null)
    {
        _ = owned;
        _dims = dims;
        _symbols = symbols is not null && Array.Exists(symbols, s => s is not null) ? symbols : null;
        Elements = elements;
        _axesMoved = axesMoved;
        _idLimit = idLimit;
        _learned = learned;
    }

    /// <summary>A shape from arrays the caller gives up (no copy): the rules' way to build their results.</summary>
    /// <param name="axesMoved">Made by an op that moves or merges axes: a rank-3 result is not a [C, H, W] map.</param>
    internal static Shape Of(long[] dims, string?[]? symbols, ElementKind elements, bool axesMoved = false) => new(dims, symbols, elements, owned: true, axesMoved);

    /// <summary>
    /// This shape, marked as token ids that are all below <paramref name="limit"/> (<c>x.positions(0)</c>: the positions of an
    /// axis of up to n elements are below n), so that an embedding can check it has a row for each.
    /// </summary>
    internal Shape WithIdLimit(long limit) => new(_dims ?? Array.Empty<long>(), _symbols, Elements, owned: true, _axesMoved, limit, _learned);

    /// <summary>This shape, marked as the value of the learned tensor at <paramref name="path"/> (messages name it).</summary>
    internal Shape WithLearned(string path) => new(_dims ?? Array.Empty<long>(), _symbols, Elements, owned: true, _axesMoved, _idLimit, path);

    /// <summary>For token ids known to be below a number (the positions of an axis): that number; 0 when unknown. Not part of equality.</summary>
    public long IdLimit => _idLimit;

    /// <summary>The path of the learned tensor (<c>parameter</c>, <c>buffer</c>) this value is, for messages; null for a computed value. Not part of equality.</summary>
    public string? Learned => _learned;

    /// <summary>Whether this is a map <c>[C, H, W]</c>, channels first: a rank-3 value of fixed sizes not made by an op that moves axes.</summary>
    public bool IsMap => Rank == 3 && !_axesMoved && _symbols is null;

    /// <summary>Whether an op that moves or merges axes made this value (kept by ops that keep the axes' meaning).</summary>
    internal bool AxesMoved => _axesMoved;

    public int Rank => _dims?.Length ?? 0;

    /// <summary>The size of an axis; a symbolic axis's bound.</summary>
    public long this[int axis] => _dims![axis];

    /// <summary>Floats, or token ids.</summary>
    public ElementKind Elements { get; }

    public bool IsIds => Elements == ElementKind.Id;

    /// <summary>The symbol of an axis whose size the data decides (<c>t</c>), or null for a fixed size.</summary>
    public string? Symbol(int axis) => _symbols?[axis];

    public bool IsSymbolic(int axis) => _symbols?[axis] is not null;

    /// <summary>Whether any axis is symbolic.</summary>
    public bool HasSymbols => _symbols is not null;

    /// <summary>The size of axis <paramref name="axis"/>, negative counting from the last (<c>x.size(-1)</c>).</summary>
    public long Size(long axis)
    {
        var resolved = axis < 0 ? axis + Rank : axis;
        if (resolved < 0 || resolved >= Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"axis {axis} of {this}, which has {Rank} axes");
        return this[(int)resolved];
    }

    /// <summary>The channels of a map <c>[C, H, W]</c> (axis 0); a vector's length.</summary>
    public long Channels => this[0];

    public long Height => Rank == 3 ? this[1] : 1;

    public long Width => Rank == 3 ? this[2] : 1;

    /// <summary>The size of the last axis: a vector's length, the features a linear layer reads.</summary>
    public long Features => this[Rank - 1];

    public long[] ToArray() => (long[])(_dims ?? Array.Empty<long>()).Clone();

    /// <summary>Each axis's symbol (null for a fixed axis), or null when none is symbolic.</summary>
    public string?[]? Symbols() => (string?[]?)_symbols?.Clone();

    /// <summary>The number of elements (symbolic axes at their bound); throws <see cref="OverflowException"/> past 64 bits.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in _dims ?? Array.Empty<long>()) count = checked(count * d);
            return count;
        }
    }

    public bool Equals(Shape other)
    {
        if (Elements != other.Elements || Rank != other.Rank) return false;
        for (var axis = 0; axis < Rank; axis++)
        {
            if (_dims![axis] != other._dims![axis] || !string.Equals(Symbol(axis), other.Symbol(axis), StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>Whether axis <paramref name="axis"/> equals axis <paramref name="otherAxis"/> of <paramref name="other"/>: the same number, or the same symbol.</summary>
    public bool SameAxis(int axis, Shape other, int otherAxis) =>
        this[axis] == other[otherAxis] && string.Equals(Symbol(axis), other.Symbol(otherAxis), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17 * 31 + (int)Elements;
        foreach (var d in _dims ?? Array.Empty<long>()) hash = unchecked(hash * 31 + d.GetHashCode());
        return hash;
    }

    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary><c>[16, 32, 32]</c>; a symbolic axis by its name, <c>[t, 768]</c>.</summary>
    public override string ToString() => Format(bounds: false);

    /// <summary>As declared: a symbolic axis with its bound, <c>[t &lt;= 1024, 768]</c> (the input row of a summary).</summary>
    public string ToDeclaredString() => Format(bounds: true);

    /// <summary>One axis as <see cref="ToString"/> writes it: its size, or its symbol.</summary>
    public string AxisText(int axis) => Symbol(axis) ?? this[axis].ToString(CultureInfo.InvariantCulture);

    private string Format(bool bounds)
    {
        var text = new StringBuilder("[");
        for (var axis = 0; axis < Rank; axis++)
        {
            if (axis > 0) text.Append(", ");
            if (Symbol(axis) is { } symbol)
            {
                text.Append(symbol);
                if (bounds) text.Append(" <= ").Append(_dims![axis].ToString(CultureInfo.InvariantCulture));
            }
            else text.Append(_dims![axis].ToString(CultureInfo.InvariantCulture));
        }
        return text.Append(']').ToString();
    }
}
