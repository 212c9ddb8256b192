using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;

namespace RecipeDsl.Generators;

/// <summary>
/// Turns every <c>*.recipe.yaml</c> additional file into a recipe class, a model class and a trainer, plus one
/// <c>RecipeCatalog</c> listing them all. Reports nothing: a recipe with problems yields no code, and the
/// analyzer, which parses the same way, reports the problems at their YAML lines.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RecipeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var recipes = context.AdditionalTextsProvider
            .Where(static file => RecipeParser.IsRecipeFile(file.Path))
            .Select(static (file, cancellationToken) => new RecipeFile(file.Path, file.GetText(cancellationToken)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.RecipeFiles)
            .Select(static (file, _) => ForGeneration(RecipeParser.Parse(file.Path, file.Text).Recipe))
            .WithTrackingName(TrackingNames.Recipes)
            .Where(static recipe => recipe is not null)
            .Select(static (recipe, _) => recipe!)
            .WithTrackingName(TrackingNames.ValidRecipes);

        // Two files that declare one recipe name would make clashing classes: neither gets code, and the analyzer
        // reports RD0010 at both. The set is usually empty, so it stays cached while recipes are edited.
        var clashingNames = recipes
            .Select(static (recipe, _) => recipe.Name)
            .Collect()
            .Select(static (names, _) => names
                .GroupBy(name => name, StringComparer.Ordinal)
                .Where(group => group.Count() > 1)
                .Select(group => group.Key)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.ClashingNames);

        var uniqueRecipes = recipes
            .Combine(clashingNames)
            .Where(static pair => !pair.Right.Contains(pair.Left.Name))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.UniqueRecipes);

        context.RegisterSourceOutput(uniqueRecipes, static (output, recipe) => output.AddSource(recipe.Name + ".g.cs", TrainerEmitter.Emit(recipe)));

        var catalog = uniqueRecipes
            .Select(static (recipe, _) => new CatalogEntry(recipe.Name, recipe.FileName, RecipeSummary.Describe(recipe)))
            .Collect()
            .Select(static (entries, _) => entries.OrderBy(entry => entry.Name, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(catalog, static (output, entries) => output.AddSource("RecipeCatalog.g.cs", CatalogEmitter.Emit(entries)));
    }

    /// <summary>
    /// Drops the source locations, which the emitted code does not use, so that moving a line in a recipe leaves
    /// the model equal and the output cached.
    /// </summary>
    private static Recipe? ForGeneration(Recipe? recipe) => recipe is null
        ? null
        : recipe with
        {
            NameSpan = null,
            Model = recipe.Model with { RoleSpan = null },
            Loss = recipe.Loss with { LabelSmoothingSpan = null },
        };
}
