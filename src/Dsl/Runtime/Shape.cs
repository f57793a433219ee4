using System;
using System.Linq;

namespace NetDsl;

/// <summary>
/// The shape of one sample (batch excluded): <c>[C, H, W]</c> for images, <c>[N]</c> for feature vectors.
/// Shared by the compile-time checker and generated constructors, so both apply the same rules.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    private readonly long[]? _dims;

    public Shape(params long[] dims) => _dims = (long[])dims.Clone();

    // The two ranks a value has, without the params array the general constructor must copy: every layer of a
    // compile-time check makes a shape.

    /// <summary>A feature vector <c>[N]</c>.</summary>
    public Shape(long features) => _dims = new[] { features };

    /// <summary>An image <c>[C, H, W]</c>.</summary>
    public Shape(long channels, long height, long width) => _dims = new[] { channels, height, width };

    public int Rank => _dims?.Length ?? 0;

    public long this[int axis] => _dims![axis];

    public long Channels => this[0];

    public long Height => Rank == 3 ? this[1] : 1;

    public long Width => Rank == 3 ? this[2] : 1;

    public long[] ToArray() => (long[])(_dims ?? Array.Empty<long>()).Clone();

    /// <summary>The number of elements; throws <see cref="OverflowException"/> past 64 bits.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in _dims ?? Array.Empty<long>()) count = checked(count * d);
            return count;
        }
    }

    public bool Equals(Shape other) => (_dims ?? Array.Empty<long>()).SequenceEqual(other._dims ?? Array.Empty<long>());

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode() => (_dims ?? Array.Empty<long>()).Aggregate(17, (h, d) => unchecked(h * 31 + d.GetHashCode()));

    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    public override string ToString()
    {
        var text = new System.Text.StringBuilder("[");
        for (var axis = 0; axis < Rank; axis++)
        {
            if (axis > 0) text.Append(", ");
            text.Append(_dims![axis].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.Append(']').ToString();
    }
}
