using System.Collections.Immutable;
using System.Linq;
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
            var project = new ProjectRecipes(start.Options.AdditionalFiles);
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, project));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, ProjectRecipes project)
    {
        var file = context.AdditionalFile;
        if (project.Parse(file.Path, context.CancellationToken) is not { } parse)
        {
            return;
        }

        var (result, text) = parse;
        // A problem with a value inherited from a base (extends) that the base has itself is the base's to report.
        var inherited = project.InheritedDiagnostics(result, context.Compilation, context.CancellationToken);
        var own = result.Problems.Where(problem => !inherited.Contains((problem.Id, problem.Span.File, problem.Span.Start))).ToList();
        foreach (var problem in own)
        {
            Report(context, problem.Id, problem.Span, problem.Arguments.ToArray(), problem.Replacement);
        }

        if (result.Recipe is not { } recipe)
        {
            if (own.Count == 0 && result.Locations.ValueSpan("extends") is { } extends && project.BaseWithErrors(result, context.CancellationToken) is { } broken)
            {
                // Every problem is a base's to report; this recipe still says why it gets no code.
                Report(context, ProblemIds.UnknownBase, extends, new[] { text.Substring(extends.Start, extends.Length),
                    $"{System.IO.Path.GetFileName(broken)} has errors of its own (its diagnostics say where); fix them first" });
            }

            return;
        }

        var recipes = project.Recipes(context.CancellationToken);
        if (RecipeReferences.Problem(RecipeLink.Of(recipe), recipes.Select(RecipeLink.Of).ToList()) is { } reference)
        {
            var span = reference.Id == ProblemIds.DuplicateName ? result.Locations.ValueSpan("name") : result.Locations.ValueSpan("distillation.teacher");
            var arguments = reference.Id == ProblemIds.DuplicateName
                ? new[] { recipe.Name, string.Join(", ", project.OtherFilesNamed(file.Path, recipe.Name, context.CancellationToken)) }
                : reference.Arguments;
            Report(context, reference.Id, span ?? SourceSpan.FileStart, arguments);
        }

        if (recipe.Model.Type is { } modelType && ModelTypeCheck.Problem(context.Compilation, modelType) is { } typeProblem)
        {
            Report(context, typeProblem.Exists ? ProblemIds.UnsuitableModelType : ProblemIds.UnknownModelType,
                result.Locations.ValueSpan("model.type") ?? SourceSpan.FileStart, new[] { modelType, typeProblem.Reason });
        }

        var suppressed = RecipeSuppressions.In(text);
        foreach (var diagnostic in ProjectRecipes.PracticeDiagnostics(recipe, result.Locations, file.Path, recipes, context.Compilation))
        {
            var path = diagnostic.Location.GetLineSpan().Path;
            // At a base's line, the base's own '# recipedsl: disable' comment silences it too: that is where it shows.
            var silenced = suppressed.Contains(diagnostic.Id) || (path != file.Path && project.Suppressed(path, context.CancellationToken).Contains(diagnostic.Id));
            if (!silenced && !inherited.Contains((diagnostic.Id, path, diagnostic.Location.SourceSpan.Start)))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static void Report(AdditionalFileAnalysisContext context, string id, SourceSpan span, string[] arguments, string? replacement = null) =>
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ForProblem[id],
            DiagnosticLocations.Create(context.AdditionalFile.Path, span),
            // No fix at a base's line (extends): it would change every recipe that extends the base, not just this one.
            replacement is null || span.File is not null ? null : FixProperties.For(replacement, DiagnosticDescriptors.FixTitle(id, replacement)),
            arguments.Cast<object>().ToArray()));
}
