using System;

namespace RecipeDsl.Training;

/// <summary>One compiled-in recipe, as the generated <c>RecipeCatalog</c> lists it.</summary>
/// <param name="FileName">The recipe file it was generated from.</param>
/// <param name="Summary">Its key settings in one line.</param>
public sealed record RecipeEntry(string Name, string FileName, string Summary, Func<IRecipeTrainer> CreateTrainer)
{
    /// <summary>The file name without ".recipe.yaml", which the CLI accepts as well as the name.</summary>
    public string FileStem =>
        FileName.EndsWith(".recipe.yaml", StringComparison.OrdinalIgnoreCase) ? FileName[..^".recipe.yaml".Length]
        : FileName.EndsWith(".recipe.yml", StringComparison.OrdinalIgnoreCase) ? FileName[..^".recipe.yml".Length]
        : FileName;
}
