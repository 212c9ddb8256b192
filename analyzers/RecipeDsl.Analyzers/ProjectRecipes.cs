using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RecipeDsl.Analyzers.Rules;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;

namespace RecipeDsl.Analyzers;

/// <summary>
/// The recipe files of one compilation, each read and parsed once (with its bases merged in, as the generator reads
/// it), for the checks that span files: names, teachers, and what a recipe inherits from its base.
/// </summary>
internal sealed class ProjectRecipes
{
    private readonly ImmutableArray<AdditionalText> _files;
    private readonly ConcurrentDictionary<string, (RecipeParseResult Result, string Text)?> _parsed = new();
    private RecipeFiles? _sources;

    public ProjectRecipes(ImmutableArray<AdditionalText> files) => _files = files;

    /// <summary>The file's parse and text; null for a file that is not a recipe or cannot be read.</summary>
    public (RecipeParseResult Result, string Text)? Parse(string path, CancellationToken cancellationToken) =>
        !RecipeParser.IsRecipeFile(path)
            ? null
            : _parsed.GetOrAdd(path, _ => Sources(cancellationToken).All.Where(file => file.Path == path).Select(file => ((RecipeParseResult, string)?)(RecipeParser.Parse(file.Path, file.Text, Sources(cancellationToken)), file.Text)).FirstOrDefault());

    /// <summary>Every valid recipe of the project.</summary>
    public IReadOnlyList<Recipe> Recipes(CancellationToken cancellationToken) =>
        _files.Select(file => Parse(file.Path, cancellationToken)?.Result.Recipe).OfType<Recipe>().ToList();

    public IEnumerable<string> OtherFilesNamed(string path, string name, CancellationToken cancellationToken) =>
        _files
            .Where(other => other.Path != path && Parse(other.Path, cancellationToken)?.Result.Recipe?.Name is { } otherName && RecipeReferences.SameName(otherName, name))
            .Select(other => System.IO.Path.GetFileName(other.Path));

    /// <summary>
    /// What each base of <paramref name="result"/>'s recipe reports in its own file, as (ID, file, start): a recipe
    /// leaves those to the base (which is a recipe of the project itself) and reports only what its own keys cause.
    /// </summary>
    public HashSet<(string Id, string? File, int Start)> InheritedDiagnostics(RecipeParseResult result, Compilation compilation, CancellationToken cancellationToken)
    {
        var reported = new HashSet<(string, string?, int)>();
        var bases = result.Problems.Select(problem => problem.Span.File).OfType<string>()
            .Concat(result.Locations.Keys.Select(location => location.Key.File).OfType<string>())
            .Distinct();
        foreach (var basePath in bases)
        {
            if (Parse(basePath, cancellationToken) is not { } baseParse)
            {
                continue;
            }

            foreach (var problem in baseParse.Result.Problems.Where(problem => problem.Span.File is null))
            {
                reported.Add((problem.Id, basePath, problem.Span.Start));
            }

            if (baseParse.Result.Recipe is { } baseRecipe)
            {
                foreach (var diagnostic in PracticeDiagnostics(baseRecipe, baseParse.Result.Locations, basePath, Recipes(cancellationToken), compilation))
                {
                    reported.Add((diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.SourceSpan.Start));
                }
            }
        }

        return reported;
    }

    public static IEnumerable<Diagnostic> PracticeDiagnostics(Recipe recipe, RecipeLocations locations, string path, IReadOnlyList<Recipe> project, Compilation compilation)
    {
        var rules = new RuleContext(recipe, locations, path, project, compilation);
        return PracticeRules.All.SelectMany(technique => technique.Check(rules)).ToList();
    }

    private RecipeFiles Sources(CancellationToken cancellationToken) =>
        _sources ??= RecipeFiles.Of(_files
            .Where(file => RecipeParser.IsRecipeFile(file.Path))
            .Select(file => new RecipeSource(file.Path, file.GetText(cancellationToken)?.ToString() ?? "")));
}
