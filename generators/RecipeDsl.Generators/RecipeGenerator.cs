using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Roslyn;

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
        var files = context.AdditionalTextsProvider
            .Where(static file => RecipeParser.IsRecipeFile(file.Path))
            .Select(static (file, cancellationToken) => new RecipeSource(file.Path, file.GetText(cancellationToken)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.RecipeFiles);

        // Every recipe file, for 'extends': a recipe is read with its bases merged under it.
        var project = files
            .Collect()
            .Select(static (all, _) => RecipeFiles.Of(all))
            .WithTrackingName(TrackingNames.ProjectFiles);

        var recipes = files
            .Combine(project)
            // Locations are dropped: the emitted code does not use them, and moving a line must leave the output cached.
            .Select(static (pair, _) => RecipeParser.Parse(pair.Left.Path, pair.Left.Text, pair.Right).Recipe)
            .WithTrackingName(TrackingNames.Recipes)
            .Where(static recipe => recipe is not null)
            .Select(static (recipe, _) => recipe!)
            .WithTrackingName(TrackingNames.ValidRecipes);

        // Cross-recipe checks need every recipe's name, teacher and custom model type. The links change only when one
        // of those does, so editing other settings of a recipe leaves every step below cached for the other recipes.
        var links = recipes
            .Select(static (recipe, _) => RecipeLink.Of(recipe))
            .Collect()
            .Select(static (all, _) => all.OrderBy(link => link.Name, StringComparer.Ordinal).ThenBy(link => link.Teacher, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.RecipeLinks);

        // model.type names classes of the compilation. This step runs on every C# edit, but yields only the names
        // that resolve, so what follows stays cached unless one of them appears, disappears or stops suiting.
        var resolvedTypes = links
            .Select(static (all, _) => all.Select(link => link.CustomModelType).OfType<string>().Distinct().OrderBy(name => name, StringComparer.Ordinal).ToEquatableArray())
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => pair.Left.Where(name => ModelTypeCheck.Problem(pair.Right, name) is null).ToEquatableArray())
            .WithTrackingName(TrackingNames.ResolvedModelTypes);

        // A recipe gets code only if everything it refers to does; the analyzer reports why not (RD0010, RD0012–RD0015).
        var plan = links
            .Combine(resolvedTypes)
            .Select(static (pair, _) => GenerationPlan.Plan(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.GenerationPlan);

        var specs = recipes
            .Combine(plan)
            .Select(static (pair, _) => GenerationPlan.SpecOf(pair.Left, pair.Right))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.TrainerSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(spec.Recipe.Name + ".g.cs", TrainerEmitter.Emit(spec)));

        var catalog = specs
            .Select(static (spec, _) => CatalogEntry.Of(spec.Recipe))
            .Collect()
            .Select(static (entries, _) => entries.OrderBy(entry => entry.Name, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(catalog, static (output, entries) => output.AddSource("RecipeCatalog.g.cs", CatalogEmitter.Emit(entries)));
    }
}
