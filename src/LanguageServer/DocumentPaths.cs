using System;

namespace NetDsl.LanguageServer;

/// <summary>File URIs and the paths the compiler names files by (absolute, as MSBuild hands them to the generator).</summary>
internal static class DocumentPaths
{
    public static string? ToPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? System.IO.Path.GetFullPath(parsed.LocalPath) : null;

    public static string ToUri(string path) => new Uri(path).AbsoluteUri;
}
