using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RecipeDsl.Language;

namespace RecipeDsl.Analyzers;

internal static class DiagnosticLocations
{
    /// <summary>A location in a recipe file, which the compiler prints as <c>path(line,col)</c>.</summary>
    public static Location Create(string path, SourceSpan span) =>
        Location.Create(
            path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
}
