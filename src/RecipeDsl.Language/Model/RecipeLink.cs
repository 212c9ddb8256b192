namespace RecipeDsl.Language.Model;

/// <summary>What cross-recipe checks need of a valid recipe: its name, the teacher it names, its model type and its data.</summary>
/// <param name="CustomModelType">The user's module class (<c>model.type</c>), or null for a generated model.</param>
/// <param name="Data">What the recipe's model sees, in words: a student must see what its teacher saw.</param>
public readonly record struct RecipeLink(string Name, string? Teacher, string? CustomModelType = null, string Data = "")
{
    public static RecipeLink Of(Recipe recipe) => new(recipe.Name, recipe.Distillation?.Teacher, recipe.Model.Type, DataIdentity(recipe.Data));

    /// <summary>
    /// The data as the model receives it: source, files, shape, classes and normalisation. Augmentation, splits and
    /// batching may differ between a teacher and its student; these may not, or the teacher answers for other inputs.
    /// </summary>
    public static string DataIdentity(DataSpec data)
    {
        var normalization = data.Normalization.Kind == NormalizationKind.Fixed
            ? $"mean [{Numbers(data.Normalization.Mean)}], std [{Numbers(data.Normalization.Std)}]"
            : data.Normalization.Kind == NormalizationKind.Dataset ? "normalize: dataset" : "normalize: none";
        var path = data.Path is { } written ? " " + written : "";
        return $"{Parsing.RecipeValues.Spelling(data.Source)}{path} [{string.Join(", ", data.InputShape)}] → {data.Classes} classes, {normalization}";
    }

    private static string Numbers(EquatableArray<double> values) =>
        string.Join(", ", System.Linq.Enumerable.Select(values, value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The C# type of the recipe's model as generated code names it.</summary>
    public string ModelTypeName => CustomModelType is { } type ? "global::" + type.Replace('+', '.') : Name + "Model";
}
