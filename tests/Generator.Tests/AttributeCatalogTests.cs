extern alias DslAssembly;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetDsl.Catalog;
using NetDsl.Generator.FrontEnd;
using Xunit;
using CatalogOpAttribute = DslAssembly::NetDsl.CatalogOpAttribute;
using LayerAttribute = DslAssembly::NetDsl.LayerAttribute;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The attributes (shipped in NetDsl.Dsl) cannot drift from the op catalog: every op that can be a child (a stage) has an
/// attribute, and every attribute's constructor parameters and properties are the op's arguments, by name and in order,
/// each typed <c>object</c> (which takes every kind of value an argument admits: a number, a bool, a pair, an expression
/// string), a variadic argument <c>params object[]</c>. Ops that are only functions (<c>x.chunk(2)</c>) are written in
/// <c>[Layers("...")]</c>.
/// </summary>
public sealed class AttributeCatalogTests
{
    private static readonly Type[] OpAttributes = typeof(LayerAttribute).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<CatalogOpAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Ops => new(OpCatalog.All.Where(op => (op.Forms & OpForms.Child) != 0).Select(op => op.Name));

    public static TheoryData<string> FunctionOnlyOps => new(OpCatalog.All.Where(op => (op.Forms & OpForms.Child) == 0).Select(op => op.Name));

    public static TheoryData<string> AttributeNames => new(OpAttributes.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Ops))]
    public void Every_catalog_op_has_an_attribute(string op)
    {
        Assert.Contains(OpAttributes, t => t.GetCustomAttribute<CatalogOpAttribute>()!.Op == op);
    }

    [Theory]
    [MemberData(nameof(FunctionOnlyOps))]
    public void An_op_that_is_only_a_function_has_no_attribute(string op)
    {
        Assert.DoesNotContain(OpAttributes, t => t.GetCustomAttribute<CatalogOpAttribute>()!.Op == op);
    }

    [Theory]
    [MemberData(nameof(AttributeNames))]
    public void Every_attribute_declares_a_catalog_op_as_a_sealed_layer_attribute_for_stages(string name)
    {
        var type = OpAttributes.Single(t => t.Name == name);
        var op = OpCatalog.Find(type.GetCustomAttribute<CatalogOpAttribute>()!.Op);

        Assert.NotNull(op);
        Assert.True(type.IsSealed && type.IsSubclassOf(typeof(LayerAttribute)), $"{name} must be a sealed LayerAttribute");
        Assert.EndsWith("Attribute", name);
        var usage = type.GetCustomAttribute<AttributeUsageAttribute>()!;
        Assert.Equal(AttributeTargets.Property | AttributeTargets.Method, usage.ValidOn);
        Assert.True(usage.AllowMultiple);
    }

    [Theory]
    [MemberData(nameof(AttributeNames))]
    public void The_constructor_takes_the_ops_arguments_in_catalog_order_the_required_ones_first(string name)
    {
        var type = OpAttributes.Single(t => t.Name == name);
        var op = OpCatalog.Find(type.GetCustomAttribute<CatalogOpAttribute>()!.Op)!;

        var constructor = Assert.Single(type.GetConstructors());
        var parameters = constructor.GetParameters();
        Assert.Equal(op.Arguments.Select(a => a.Name), parameters.Select(p => p.Name));
        foreach (var (argument, parameter) in op.Arguments.Zip(parameters))
        {
            var variadic = parameter.GetCustomAttribute<ParamArrayAttribute>() is not null;
            Assert.True(argument.Variadic == variadic, $"{name}({parameter.Name}): a variadic catalog argument is a params array, any other is not");
            Assert.Equal(variadic ? typeof(object[]) : typeof(object), parameter.ParameterType);
            if (variadic) continue;
            Assert.True(argument.Required != parameter.IsOptional, $"{name}({parameter.Name}): a required catalog argument is a required parameter, any other an optional one");
            if (parameter.IsOptional) Assert.Null(parameter.DefaultValue);
        }
    }

    [Theory]
    [MemberData(nameof(AttributeNames))]
    public void Its_properties_are_the_ops_optional_arguments(string name)
    {
        var type = OpAttributes.Single(t => t.Name == name);
        var op = OpCatalog.Find(type.GetCustomAttribute<CatalogOpAttribute>()!.Op)!;

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        Assert.Equal(op.Arguments.Where(a => !a.Required).Select(a => a.Name), properties.Select(p => NetNames.ArgumentName(p.Name)));
        Assert.All(properties, p => Assert.True(p.PropertyType == typeof(object) && p.CanWrite, $"{name}.{p.Name} must be a settable object"));
    }

    [Fact]
    public void The_base_class_adds_only_label_and_repeat_which_no_op_argument_is_called()
    {
        var properties = typeof(LayerAttribute).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.Equal(new[] { "Label", "Repeat" }, properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain(OpCatalog.All.SelectMany(op => op.Arguments), a => a.Name is "label" or "repeat");
    }

    [Fact]
    public void The_generator_knows_every_layer_attribute_by_name()
    {
        var expected = OpAttributes.Select(t => t.Name).Append("LayersAttribute").Append("CallAttribute")
            .Select(n => n.Substring(0, n.Length - "Attribute".Length))
            .OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(expected, DeclarationReader.LayerAttributeNames.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_attribute_the_generator_reads_is_conditional_so_nothing_of_it_stays_in_user_assemblies()
    {
        var attributes = typeof(LayerAttribute).Assembly.GetTypes()
            .Where(t => t.Namespace == "NetDsl" && t.IsSubclassOf(typeof(Attribute)) && t != typeof(CatalogOpAttribute));

        Assert.All(attributes, t => Assert.True(
            t.GetCustomAttributes<System.Diagnostics.ConditionalAttribute>(inherit: false).Any(),
            $"{t.Name} is not [Conditional]"));
    }
}
