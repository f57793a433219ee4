using System.Collections.Generic;

namespace NetDsl.Runtime.Native;

/// <summary>
/// The libLibTorchSharp.so TorchSharp would load, and the folders (its own first) where its libtorch dependencies
/// (libtorch.so, libc10.so, libtorch_cpu.so, ...) can be found.
/// </summary>
internal sealed record TorchSharpNativeLocation(string LibraryPath, IReadOnlyList<string> DependencyFolders);
