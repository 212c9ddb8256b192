using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RecipeDsl.Analyzers.Rules;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Analyzers;

/// <summary>
/// Parses every <c>*.recipe.yaml</c> additional file the way the generator does and reports its problems and
/// practice rules at their YAML positions. Per-file actions only (no compilation-end action), so IDEs run it live.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecipeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(AnalyzeFile);
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (!RecipeParser.IsRecipeFile(file.Path) || file.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var result = RecipeParser.Parse(file.Path, text.ToString());
        foreach (var problem in result.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ForProblem[problem.Id],
                RecipeLocations.Create(file.Path, problem.Span),
                problem.Arguments.ToArray<object>()));
        }

        if (result.Recipe is not { } recipe)
        {
            return;
        }

        ReportSharedName(context, recipe.Name, recipe.NameSpan, context.CancellationToken);
        if (TeacherLabelSmoothingRule.Check(recipe, file.Path) is { } teacherSmoothing)
        {
            context.ReportDiagnostic(teacherSmoothing);
        }
    }

    /// <summary>RD0010, reported at each of the files that share a name (every file sees the others through the options).</summary>
    private static void ReportSharedName(AdditionalFileAnalysisContext context, string name, Language.SourceSpan? nameSpan, CancellationToken cancellationToken)
    {
        var others = context.Options.AdditionalFiles
            .Where(other => other.Path != context.AdditionalFile.Path && RecipeParser.IsRecipeFile(other.Path))
            .Where(other => other.GetText(cancellationToken) is { } otherText
                && RecipeParser.Parse(other.Path, otherText.ToString()).Recipe?.Name == name)
            .Select(other => System.IO.Path.GetFileName(other.Path))
            .ToList();
        if (others.Count > 0)
        {
            var span = nameSpan ?? new Language.SourceSpan(0, 0, 0, 0, 0, 0);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DuplicateName,
                RecipeLocations.Create(context.AdditionalFile.Path, span),
                name,
                string.Join(", ", others)));
        }
    }
}
