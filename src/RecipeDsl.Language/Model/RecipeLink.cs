namespace RecipeDsl.Language.Model;

/// <summary>What cross-recipe checks need of a valid recipe: its name, the teacher it names, and its model type.</summary>
/// <param name="CustomModelType">The user's module class (<c>model.type</c>), or null for a generated model.</param>
public readonly record struct RecipeLink(string Name, string? Teacher, string? CustomModelType = null)
{
    public static RecipeLink Of(Recipe recipe) => new(recipe.Name, recipe.Distillation?.Teacher, recipe.Model.Type);

    /// <summary>The C# type of the recipe's model as generated code names it.</summary>
    public string ModelTypeName => CustomModelType is { } type ? "global::" + type.Replace('+', '.') : Name + "Model";
}
