using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// Parses every <c>*.recipe.yaml</c> additional file the way the generator does and reports its problems and the
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
            var parsed = new ConcurrentDictionary<string, (RecipeParseResult Result, string Text)?>();
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, parsed));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, ConcurrentDictionary<string, (RecipeParseResult Result, string Text)?> parsed)
    {
        var file = context.AdditionalFile;
        if (Parse(file, parsed, context.CancellationToken) is not { } parse)
        {
            return;
        }

        var (result, text) = parse;
        foreach (var problem in result.Problems)
        {
            Report(context, problem.Id, problem.Span, problem.Arguments.ToArray(), problem.Replacement);
        }

        if (result.Recipe is not { } recipe)
        {
            return;
        }

        var project = context.Options.AdditionalFiles
            .Select(other => Parse(other, parsed, context.CancellationToken)?.Result.Recipe)
            .OfType<Recipe>()
            .ToList();
        if (RecipeReferences.Problem(RecipeLink.Of(recipe), project.Select(RecipeLink.Of).ToList()) is { } reference)
        {
            var span = reference.Id == ProblemIds.DuplicateName ? result.Locations.ValueSpan("name") : result.Locations.ValueSpan("distillation.teacher");
            var arguments = reference.Id == ProblemIds.DuplicateName
                ? new[] { recipe.Name, string.Join(", ", OtherFilesNamed(context, recipe.Name, parsed)) }
                : reference.Arguments;
            Report(context, reference.Id, span ?? SourceSpan.FileStart, arguments);
        }

        if (recipe.Model.Type is { } modelType && ModelTypeCheck.Problem(context.Compilation, modelType) is { } typeProblem)
        {
            Report(context, typeProblem.Exists ? ProblemIds.UnsuitableModelType : ProblemIds.UnknownModelType,
                result.Locations.ValueSpan("model.type") ?? SourceSpan.FileStart, new[] { modelType, typeProblem.Reason });
        }

        var suppressed = RecipeSuppressions.In(text);
        var rules = new RuleContext(recipe, result.Locations, file.Path, project, context.Compilation);
        foreach (var diagnostic in PracticeRules.All.SelectMany(technique => technique.Check(rules)))
        {
            if (!suppressed.Contains(diagnostic.Id))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static (RecipeParseResult Result, string Text)? Parse(
        AdditionalText file, ConcurrentDictionary<string, (RecipeParseResult Result, string Text)?> parsed, CancellationToken cancellationToken) =>
        !RecipeParser.IsRecipeFile(file.Path)
            ? null
            : parsed.GetOrAdd(file.Path, _ => file.GetText(cancellationToken)?.ToString() is { } text ? (RecipeParser.Parse(file.Path, text), text) : null);

    private static IEnumerable<string> OtherFilesNamed(
        AdditionalFileAnalysisContext context, string name, ConcurrentDictionary<string, (RecipeParseResult Result, string Text)?> parsed) =>
        context.Options.AdditionalFiles
            .Where(other => other.Path != context.AdditionalFile.Path && Parse(other, parsed, context.CancellationToken)?.Result.Recipe?.Name is { } otherName && RecipeReferences.SameName(otherName, name))
            .Select(other => System.IO.Path.GetFileName(other.Path));

    private static void Report(AdditionalFileAnalysisContext context, string id, SourceSpan span, string[] arguments, string? replacement = null) =>
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ForProblem[id],
            DiagnosticLocations.Create(context.AdditionalFile.Path, span),
            replacement is null ? null : FixProperties.For(replacement, DiagnosticDescriptors.FixTitle(id, replacement)),
            arguments.Cast<object>().ToArray()));
}
