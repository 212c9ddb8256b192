namespace RecipeDsl.Language.Model;

/// <summary>A valid recipe's name and the teacher it names, if any: what cross-recipe checks need of it.</summary>
public readonly record struct RecipeLink(string Name, string? Teacher)
{
    public static RecipeLink Of(Recipe recipe) => new(recipe.Name, recipe.Distillation?.Teacher);
}
