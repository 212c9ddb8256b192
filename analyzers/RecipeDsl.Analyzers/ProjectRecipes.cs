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
    private IReadOnlyList<Recipe>? _recipes;

    public ProjectRecipes(ImmutableArray<AdditionalText> files) => _files = files;

    /// <summary>The file's parse and text; null for a file that is not a recipe or cannot be read.</summary>
    public (RecipeParseResult Result, string Text)? Parse(string path, CancellationToken cancellationToken) =>
        !RecipeParser.IsRecipeFile(path)
            ? null
            : _parsed.GetOrAdd(path, _ => Sources(cancellationToken).All.Where(file => file.Path == path).Select(file => ((RecipeParseResult, string)?)(RecipeParser.Parse(file.Path, file.Text, Sources(cancellationToken)), file.Text)).FirstOrDefault());

    /// <summary>Every valid recipe of the project, gathered once per compilation.</summary>
    public IReadOnlyList<Recipe> Recipes(CancellationToken cancellationToken) =>
        _recipes ??= _files.Select(file => Parse(file.Path, cancellationToken)?.Result.Recipe).OfType<Recipe>().ToList();

    public IEnumerable<string> OtherFilesNamed(string path, string name, CancellationToken cancellationToken) =>
        _files
            .Where(other => other.Path != path && Parse(other.Path, cancellationToken)?.Result.Recipe?.Name is { } otherName && RecipeReferences.SameName(otherName, name))
            .Select(other => System.IO.Path.GetFileName(other.Path));

    /// <summary>
    /// What each base of <paramref name="result"/>'s recipe reports itself, as (ID, file, start): a recipe leaves those
    /// to its bases (each a recipe of the project) and reports only what its own keys cause. A base's report includes
    /// what it inherited from its own bases, in their files.
    /// </summary>
    public HashSet<(string Id, string? File, int Start)> InheritedDiagnostics(RecipeParseResult result, Compilation compilation, CancellationToken cancellationToken)
    {
        var reported = new HashSet<(string, string?, int)>();
        foreach (var basePath in result.BasePaths)
        {
            if (Parse(basePath, cancellationToken) is not { } baseParse)
            {
                continue;
            }

            foreach (var problem in baseParse.Result.Problems)
            {
                reported.Add((problem.Id, problem.Span.File ?? basePath, problem.Span.Start));
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

    /// <summary>The nearest base of the recipe that has an error of its own (and so no code), if any.</summary>
    public string? BaseWithErrors(RecipeParseResult result, CancellationToken cancellationToken) =>
        result.BasePaths.FirstOrDefault(path => Parse(path, cancellationToken) is { } parse && parse.Result.Recipe is null);

    /// <summary>The IDs the file at <paramref name="path"/> silences with a <c># recipedsl: disable</c> comment.</summary>
    public IReadOnlyCollection<string> Suppressed(string path, CancellationToken cancellationToken) =>
        Parse(path, cancellationToken) is { } parse ? RecipeSuppressions.In(parse.Text) : new HashSet<string>();

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
