using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;

namespace RecipeDsl.Generators.Emitting;

/// <summary>One line that says what a recipe trains and how, for the catalog and doc comments.</summary>
internal static class RecipeSummary
{
    public static string Describe(Recipe recipe)
    {
        var model = recipe.Model.Architecture == Architecture.Cnn
            ? $"cnn [{string.Join(", ", recipe.Model.Channels)}] → [{string.Join(", ", recipe.Model.HiddenSizes)}]"
            : $"mlp [{string.Join(", ", recipe.Model.HiddenSizes)}]";
        var dropout = recipe.Model.Dropout > 0 ? $", dropout {Literals.Number(recipe.Model.Dropout)}" : "";
        var role = recipe.Model.Role == ModelRole.Standalone ? "" : $", {recipe.Model.Role.Spelling()}";
        return $"{model}{dropout}{role}; {Optimizer(recipe.Training.Optimizer)}; {Smoothing(recipe.Loss)}; "
            + $"{recipe.Training.Epochs} epoch{(recipe.Training.Epochs == 1 ? "" : "s")} × batch {recipe.Data.BatchSize}";
    }

    public static string Optimizer(OptimizerSpec optimizer)
    {
        var text = $"{optimizer.Kind.Spelling()} lr {Literals.Number(optimizer.LearningRate)}";
        if (optimizer.WeightDecay > 0)
        {
            text += $", weight decay {Literals.Number(optimizer.WeightDecay)}";
        }

        if (optimizer.Kind == OptimizerKind.Sgd && optimizer.Momentum > 0)
        {
            text += $", momentum {Literals.Number(optimizer.Momentum)}";
        }

        return text;
    }

    public static string Smoothing(LossSpec loss) => loss.LabelSmoothing > 0
        ? $"label smoothing ε {Literals.Number(loss.LabelSmoothing)} ({loss.Convention.Spelling()})"
        : "hard labels";
}
