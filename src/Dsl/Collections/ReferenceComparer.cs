using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace NetDsl.Collections;

/// <summary>Identity equality, for sets of syntax units or nodes (their value equality would hash whole syntax trees).</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
