using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>A compiler crash is reported as ND9999 with enough to act on, never as Roslyn's opaque CS8785.</summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void A_compiler_exception_becomes_ND9999_with_type_message_and_top_frame()
    {
        var run = GeneratorHarness.Run("model.net", "network N { }", FakeCompiler.Throwing(() => new InvalidOperationException("stack is empty")));

        Assert.Null(run.Generator.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ND9999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        var message = diagnostic.GetMessage();
        Assert.StartsWith("NetDsl internal error: System.InvalidOperationException: stack is empty (at ", message);
        Assert.Contains(nameof(FakeCompiler), message);
        Assert.Contains("please report", message);
        Assert.Equal(DslDescriptor.HelpBase + "nd9999", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void Nothing_is_generated_after_a_crash()
    {
        var run = GeneratorHarness.Run("model.net", "network N { }", FakeCompiler.Throwing(() => new NullReferenceException()));

        Assert.Empty(run.Files);
    }

    [Fact]
    public void Cancellation_is_not_an_internal_error()
    {
        using var cancellation = new CancellationTokenSource();
        CompileFunction compile = (_, _, token) =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            throw new InvalidOperationException("unreachable");
        };

        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText("/src/app/model.net", "") }, compile, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void A_stray_OperationCanceledException_without_cancellation_is_an_internal_error()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Throwing(() => new OperationCanceledException()));

        Assert.Equal("ND9999", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void An_exception_that_was_never_thrown_has_an_unknown_location()
    {
        var error = InternalError.From(new FormatException("bad"));

        Assert.Equal(new InternalError("System.FormatException", "bad", "unknown location"), error);
    }
}
