using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RecipeDsl.Language;

namespace RecipeDsl.Analyzers;

internal static class DiagnosticLocations
{
    /// <summary>
    /// A location in a recipe file, which the compiler prints as <c>path(line,col)</c>: in the base recipe's file when
    /// the span is a value the recipe inherited from it (<c>extends</c>).
    /// </summary>
    public static Location Create(string path, SourceSpan span) =>
        Location.Create(
            span.File ?? path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
}
