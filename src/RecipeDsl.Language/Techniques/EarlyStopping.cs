using System.Collections.Generic;
using System;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Writing;
using RecipeDsl.Training;

namespace RecipeDsl.Language.Techniques;

/// <param name="Metric">The validation metric watched after every epoch.</param>
/// <param name="Patience">Epochs without an improvement of at least <paramref name="MinDelta"/> before training stops.</param>
/// <param name="MinDelta">The smallest change of the metric that counts as an improvement.</param>
public sealed record EarlyStoppingSpec(ValidationMetric Metric, int Patience, double MinDelta);

/// <summary>Reads and writes <c>training.early_stopping</c>.</summary>
public static class EarlyStoppingSection
{
    public const string Path = "training.early_stopping";

    public static readonly IReadOnlyList<string> Keys = new[] { "metric", "patience", "min_delta" };

    /// <summary>Validation loss, as Keras and Lightning watch by default: a proper scoring rule, unlike accuracy.</summary>
    public const ValidationMetric DefaultMetric = ValidationMetric.Nll;

    /// <summary>Lightning's default patience.</summary>
    public const int DefaultPatience = 3;

    internal static EarlyStoppingSpec? Read(ValueReader read, Section training)
    {
        if (!training.Has("early_stopping"))
        {
            return null;
        }

        // "early_stopping:" with nothing after it takes every default.
        var section = read.Section(training.Value("early_stopping"), Path, training.KeySpan("early_stopping"));
        return new EarlyStoppingSpec(
            read.Enum(section, "metric", DefaultMetric, RecipeValues.ValidationMetrics),
            read.Integer(section, "patience", DefaultPatience, NumberRange.Closed(1, 10000)),
            read.Number(section, "min_delta", 0, NumberRange.Closed(0, 1e6)));
    }

    /// <summary>A sweep ranks ε candidates trained for the same epochs; stopping each at its own would compare unequal runs.</summary>
    internal static void CheckWithSweep(ValueReader read, Recipe recipe, SourceSpan? earlyStopping)
    {
        if (recipe.Sweep is not null && recipe.Training.EarlyStopping is not null && earlyStopping is { } span)
        {
            read.Report(ProblemIds.NotApplicable, span, Path,
                "a sweep compares ε candidates trained for the same epochs and ranks them on validation itself; sweep first, then stop early in a recipe without 'sweep'");
        }
    }

    internal static void Write(EarlyStoppingSpec stopping, Action<int, string> line)
    {
        line(1, "early_stopping:");
        line(2, "metric: " + stopping.Metric.Spelling());
        line(2, "patience: " + YamlText.Number(stopping.Patience));
        line(2, "min_delta: " + YamlText.Number(stopping.MinDelta));
    }
}
