namespace NetDsl.Compiler;

/// <summary>How generated code is shaped.</summary>
/// <param name="Namespace">Holds every generated network and block class.</param>
/// <param name="LoadTorchNative">
/// The project references NetDsl.Runtime: generated code then loads TorchSharp's native library when the assembly
/// loads (a module initializer), before any code can touch TorchSharp and break its static constructor.
/// </param>
/// <param name="EmitCode">
/// False for tools that want only the diagnostics (the language server): every check runs, no C# is written.
/// </param>
/// <param name="ReuseMemory">
/// Generated forwards run ops in place where that is exact and release each intermediate at its last use
/// (<see cref="Semantics.MemoryPlan"/>); false writes every op out of place and leaves intermediates to the caller's
/// dispose scope, as a reference to compare against (MSBuild property <c>NetDslReuseMemory</c>).
/// </param>
public sealed record CompileOptions(string Namespace, bool LoadTorchNative = false, bool EmitCode = true, bool ReuseMemory = true);
