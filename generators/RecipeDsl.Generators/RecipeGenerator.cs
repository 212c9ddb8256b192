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

        // Cross-recipe checks need every recipe's name and teacher. Two files with one name, a missing teacher or a
        // cycle of teachers leave the recipes involved without code; the analyzer reports why (RD0010, RD0012, RD0013).
        // The links change only when a name or a teacher does, so editing other settings leaves this step cached.
        var links = recipes
            .Select(static (recipe, _) => RecipeLink.Of(recipe))
            .Collect()
            .Select(static (all, _) => all.OrderBy(link => link.Name, StringComparer.Ordinal).ThenBy(link => link.Teacher, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.RecipeLinks);

        var generatable = recipes
            .Combine(links)
            .Where(static pair => RecipeReferences.CanGenerate(RecipeLink.Of(pair.Left), pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.GeneratableRecipes);

        context.RegisterSourceOutput(generatable, static (output, recipe) => output.AddSource(recipe.Name + ".g.cs", TrainerEmitter.Emit(recipe)));

        var catalog = generatable
            .Select(static (recipe, _) => CatalogEntry.Of(recipe))
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
            Distillation = recipe.Distillation is { } distillation ? distillation with { TeacherSpan = null } : null,
        };
}
