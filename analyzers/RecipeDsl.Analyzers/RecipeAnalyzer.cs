using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RecipeDsl.Analyzers.Rules;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Roslyn;

namespace RecipeDsl.Analyzers;

/// <summary>
/// Parses every <c>*.recipe.yaml</c> additional file the way the generator does and reports its problems and
/// practice rules at their YAML positions. Per-file actions only (no compilation-end action), so IDEs run it live;
/// cross-file checks read the other recipe files through the analyzer options, each parsed once per compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecipeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var parsed = new ConcurrentDictionary<string, RecipeParseResult?>();
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, parsed));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, ConcurrentDictionary<string, RecipeParseResult?> parsed)
    {
        var file = context.AdditionalFile;
        if (Parse(file, parsed, context.CancellationToken) is not { } result)
        {
            return;
        }

        foreach (var problem in result.Problems)
        {
            Report(context, problem.Id, problem.Span, problem.Arguments.ToArray());
        }

        if (result.Recipe is not { } recipe)
        {
            return;
        }

        var links = context.Options.AdditionalFiles
            .Select(other => Parse(other, parsed, context.CancellationToken)?.Recipe)
            .Where(other => other is not null)
            .Select(other => RecipeLink.Of(other!))
            .ToList();
        if (RecipeReferences.Problem(RecipeLink.Of(recipe), links) is { } reference)
        {
            var span = reference.Id == ProblemIds.DuplicateName ? recipe.NameSpan : recipe.Distillation?.TeacherSpan;
            var arguments = reference.Id == ProblemIds.DuplicateName
                ? new[] { recipe.Name, string.Join(", ", OtherFilesNamed(context, recipe.Name, parsed)) }
                : reference.Arguments;
            Report(context, reference.Id, span ?? new SourceSpan(0, 0, 0, 0, 0, 0), arguments);
        }

        if (recipe.Model.Type is { } modelType && ModelTypeCheck.Problem(context.Compilation, modelType) is { } typeProblem)
        {
            Report(context, typeProblem.Exists ? ProblemIds.UnsuitableModelType : ProblemIds.UnknownModelType,
                recipe.Model.TypeSpan ?? new SourceSpan(0, 0, 0, 0, 0, 0), new[] { modelType, typeProblem.Reason });
        }

        if (TeacherLabelSmoothingRule.Check(recipe, file.Path, context.Compilation) is { } teacherSmoothing)
        {
            context.ReportDiagnostic(teacherSmoothing);
        }
    }

    private static RecipeParseResult? Parse(AdditionalText file, ConcurrentDictionary<string, RecipeParseResult?> parsed, CancellationToken cancellationToken) =>
        !RecipeParser.IsRecipeFile(file.Path)
            ? null
            : parsed.GetOrAdd(file.Path, _ => file.GetText(cancellationToken) is { } text ? RecipeParser.Parse(file.Path, text.ToString()) : null);

    private static System.Collections.Generic.IEnumerable<string> OtherFilesNamed(AdditionalFileAnalysisContext context, string name, ConcurrentDictionary<string, RecipeParseResult?> parsed) =>
        context.Options.AdditionalFiles
            .Where(other => other.Path != context.AdditionalFile.Path && Parse(other, parsed, context.CancellationToken)?.Recipe?.Name == name)
            .Select(other => System.IO.Path.GetFileName(other.Path));

    private static void Report(AdditionalFileAnalysisContext context, string id, SourceSpan span, string[] arguments) =>
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ForProblem[id],
            RecipeLocations.Create(context.AdditionalFile.Path, span),
            arguments.Cast<object>().ToArray()));
}
