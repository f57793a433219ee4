using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// The text the compiler reads for a C# declaration: the file up to the end of the class, blank but for newlines (so
/// lines and columns are the file's), the ranges it reads (<see cref="ReaderContext.Kept"/>) and the <c>.net</c>
/// spelling of layer attributes (<see cref="CallOverlay"/>). Edits the compiler cannot see leave it unchanged.
/// </summary>
internal static class UnitText
{
    public static string Build(string file, int end, IEnumerable<TextRange> kept, IEnumerable<CallOverlay> overlays)
    {
        end = System.Math.Min(end, file.Length);
        var text = new char[end];
        for (var i = 0; i < end; i++) text[i] = file[i] is '\n' or '\r' ? file[i] : ' ';
        foreach (var range in kept)
        {
            for (var i = range.Start; i < range.End && i < end; i++) text[i] = file[i];
        }
        foreach (var overlay in overlays)
        {
            for (var i = 0; i < overlay.Text.Length && overlay.Start + i < end; i++) text[overlay.Start + i] = overlay.Text[i];
        }
        return new string(text);
    }
}
