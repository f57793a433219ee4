using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline value (public properties, fields of tuples, enumerables) and returns the paths of any Roslyn object
/// that must not be cached: symbols, syntax, compilations, semantic models, locations.
/// </summary>
public static class ModelWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
    };

    public static IReadOnlyList<string> FindForbidden(object? value, string path)
    {
        var found = new List<string>();
        Walk(value, path, found, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 32) return;
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string) return;
        if (Array.Exists(Forbidden, f => f.IsInstanceOfType(value)))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        if (!type.IsValueType && !seen.Add(value)) return;

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", found, seen, depth + 1);
            return;
        }

        if (value is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++) Walk(tuple[i], $"{path}.Item{i + 1}", found, seen, depth + 1);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            Walk(property.GetValue(value), $"{path}.{property.Name}", found, seen, depth + 1);
        }
    }
}
