using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RecipeDsl.Analyzers;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

internal static class AnalyzerRunner
{
    /// <summary>The analyzer's diagnostics for these recipe files, in file and position order.</summary>
    public static Diagnostic[] Run(params AdditionalText[] recipes) => RunWith(new[] { "class User { }" }, recipes);

    /// <summary>The same, with the user's C# <paramref name="sources"/> in the compilation.</summary>
    public static Diagnostic[] RunWith(string[] sources, params AdditionalText[] recipes)
    {
        var compilation = CompilationFactory.Create(sources);
        var options = new AnalyzerOptions(recipes.ToImmutableArray());
        var diagnostics = compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RecipeAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics.OrderBy(d => d.Location.GetLineSpan().Path).ThenBy(d => d.Location.SourceSpan.Start).ToArray();
    }
}
