namespace NetDsl.Runtime.Native;

/// <summary>A patched library in the cache, and whether this call had to write it (false: an existing valid copy was reused).</summary>
internal sealed record PatchedLibraryCopy(string Path, bool WasWritten);
