using System;

namespace RecipeDsl.Training;

/// <summary>One compiled-in recipe, as the generated <c>RecipeCatalog</c> lists it.</summary>
/// <param name="FileName">The recipe file it was generated from.</param>
/// <param name="Summary">Its key settings in one line.</param>
/// <param name="ResolvedYaml">The recipe with every default resolved, for reports.</param>
public sealed record RecipeEntry(string Name, string FileName, string Summary, string ResolvedYaml, Func<IRecipeTrainer> CreateTrainer)
{
    /// <summary>The teacher recipe of a distillation student; null for other recipes.</summary>
    public string? Teacher { get; init; }

    /// <summary>Trains a student from teacher weights saved earlier (path, options); null unless the recipe is a student.</summary>
    public Func<string, TrainingOptions?, TrainingResult>? TrainFromSavedTeacher { get; init; }

    /// <summary>What a classification recipe trains on (for <c>recipedsl data</c>); null for the sequence task.</summary>
    public Data.DataDescription? Data { get; init; }

    /// <summary>What a text recipe trains on (for <c>recipedsl data</c>); null for every other recipe.</summary>
    public Data.Text.TextDescription? Text { get; init; }

    /// <summary>Whether the recipe predicts tokens (the sequence task): its metrics count tokens, and perplexity applies.</summary>
    public bool PredictsTokens { get; init; }

    /// <summary>Runs the recipe's ε sweep; null unless the recipe has a <c>sweep</c> section.</summary>
    public Func<TrainingOptions?, SweepResult>? Sweep { get; init; }

    /// <summary>The file name without ".recipe.yaml", which the CLI accepts as well as the name.</summary>
    public string FileStem =>
        FileName.EndsWith(".recipe.yaml", StringComparison.OrdinalIgnoreCase) ? FileName[..^".recipe.yaml".Length]
        : FileName.EndsWith(".recipe.yml", StringComparison.OrdinalIgnoreCase) ? FileName[..^".recipe.yml".Length]
        : FileName;
}
