using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Generators.Techniques;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;

namespace RecipeDsl.Generators.Emitting;

/// <summary>One line that says what a recipe trains and how, for the catalog and doc comments.</summary>
internal static class RecipeSummary
{
    public static string Describe(Recipe recipe)
    {
        var model = recipe.Model.Architecture switch
        {
            Architecture.Cnn => $"cnn [{string.Join(", ", recipe.Model.Channels)}] → [{string.Join(", ", recipe.Model.HiddenSizes)}]",
            Architecture.Gru => $"next-token gru [{string.Join(", ", recipe.Model.HiddenSizes)}] on {Tokens(recipe.Data)}",
            Architecture.Transformer when recipe.Model.Transformer is { } transformer =>
                $"next-token transformer {transformer.Layers} × d_model {transformer.Width}, {transformer.Heads} heads on {Tokens(recipe.Data)}",
            Architecture.Custom => $"custom {recipe.Model.Type}",
            _ => $"mlp [{string.Join(", ", recipe.Model.HiddenSizes)}]",
        };
        // Each technique says its own words, in plan order, at its place; a recipe whose targets no technique smooths
        // says so first among the training parts.
        var techniques = TrainerPlan.TechniquesOf(recipe);
        var modelWords = string.Concat(WordsAt(SummaryPlace.Model, techniques, recipe).Select(words => ", " + words));
        var parts = new List<string> { model + modelWords + (recipe.Model.Role == ModelRole.Standalone ? "" : $", {recipe.Model.Role.Spelling()}") };
        if (!recipe.Task.PredictsNextToken())
        {
            parts.Add(Data(recipe.Data));
        }

        parts.AddRange(WordsAt(SummaryPlace.Data, techniques, recipe));
        parts.Add(Optimizer(recipe.Training.Optimizer));
        if (!techniques.OfType<ITargetSmoothing>().Cast<Technique>().Any(smoothing => smoothing.Summary(recipe) is not null))
        {
            parts.Add("hard labels");
        }

        parts.AddRange(WordsAt(SummaryPlace.Training, techniques, recipe));
        parts.Add($"{recipe.Training.Epochs} epoch{(recipe.Training.Epochs == 1 ? "" : "s")} × batch {recipe.Data.BatchSize}");
        return string.Join("; ", parts);
    }

    /// <summary>"arithmetic", or "text (bytes, windows of 128)".</summary>
    private static string Tokens(DataSpec data) =>
        data.Text is { } text ? $"{data.Source.Spelling()} ({text.Tokenizer.Spelling()}, windows of {text.SequenceLength})" : data.Source.Spelling();

    /// <summary>"fashion_mnist [1, 28, 28] → 10 classes, random crop 4, flips".</summary>
    public static string Data(DataSpec data)
    {
        var text = $"{data.Source.Spelling()} [{string.Join(", ", data.InputShape)}] → {data.Classes} classes";
        if (data.Augment.RandomCrop > 0)
        {
            text += $", random crop {data.Augment.RandomCrop}";
        }

        if (data.Augment.HorizontalFlip)
        {
            text += ", flips";
        }

        return text;
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

    private static IEnumerable<string> WordsAt(SummaryPlace place, IEnumerable<Technique> techniques, Recipe recipe) =>
        techniques.Where(technique => technique.SummaryPlace == place).Select(technique => technique.Summary(recipe)).OfType<string>();
}
