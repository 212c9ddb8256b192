using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators;

/// <summary>
/// Which recipes get code: a recipe with a unique name, a model type that resolves, and (for a student) a teacher
/// that gets code itself. Anything else would generate code that cannot compile; the analyzer says why in the YAML.
/// </summary>
internal static class GenerationPlan
{
    /// <param name="links">Every valid recipe's name, teacher and custom model type.</param>
    /// <param name="resolvedTypes">The custom model types that exist and suit.</param>
    /// <returns>The links of the recipes that get code.</returns>
    public static EquatableArray<RecipeLink> Plan(EquatableArray<RecipeLink> links, EquatableArray<string> resolvedTypes)
    {
        var planned = new Dictionary<string, RecipeLink>();
        bool added;
        do
        {
            // Teachers first: a student joins once its teacher has.
            added = false;
            foreach (var link in links)
            {
                if (!planned.ContainsKey(link.Name)
                    && RecipeReferences.CanGenerate(link, links)
                    && (link.CustomModelType is null || resolvedTypes.Contains(link.CustomModelType))
                    && (link.Teacher is null || planned.ContainsKey(link.Teacher)))
                {
                    planned.Add(link.Name, link);
                    added = true;
                }
            }
        }
        while (added);

        return planned.Values.OrderBy(link => link.Name, System.StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>The spec of a planned recipe, or null when the recipe gets no code.</summary>
    public static TrainerSpec? SpecOf(Recipe recipe, EquatableArray<RecipeLink> planned)
    {
        var self = planned.FirstOrDefault(link => link.Name == recipe.Name);
        if (self.Name is null || self != RecipeLink.Of(recipe))
        {
            return null;
        }

        var teacher = recipe.Distillation is { } distillation ? planned.First(link => link.Name == distillation.Teacher).ModelTypeName : null;
        return new TrainerSpec(recipe, self.ModelTypeName, teacher);
    }
}
