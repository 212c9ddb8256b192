using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Techniques;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Early stopping (<c>training.early_stopping</c>): each epoch's validation metrics are compared with the best, the
/// loop ends after <c>patience</c> epochs without an improvement, and the best epoch's weights are put back before the
/// test split (and temperature scaling) see the model.
/// </summary>
internal sealed class EarlyStopping : Technique
{
    private readonly EarlyStoppingSpec _stopping;

    public EarlyStopping(EarlyStoppingSpec stopping) => _stopping = stopping;

    public static Technique? From(Recipe recipe) => recipe.Training.EarlyStopping is { } stopping ? new EarlyStopping(stopping) : null;

    public override string Summary(Recipe recipe) =>
        $"early stopping on validation {_stopping.Metric.Spelling()} (patience {_stopping.Patience}"
        + (_stopping.MinDelta > 0 ? $", min delta {Literals.Number(_stopping.MinDelta)})" : ")");

    public override IEnumerable<string> Settings(Recipe recipe) =>
    [
        $"public const {TrainingAlias}.ValidationMetric EarlyStoppingMetric = {TrainingAlias}.ValidationMetric.{_stopping.Metric};",
        $"public const int EarlyStoppingPatience = {Literals.Int(_stopping.Patience)};",
        $"public const double EarlyStoppingMinDelta = {Literals.Double(_stopping.MinDelta)};",
    ];

    public override IEnumerable<string> PrepareLoop(TrainerNames names) =>
    [
        $"using var earlyStopping = new {TrainingAlias}.EarlyStopping(model, {names.Settings}.EarlyStoppingMetric, "
            + $"{names.Settings}.EarlyStoppingPatience, {names.Settings}.EarlyStoppingMinDelta);",
    ];

    public override string? CheckpointPart => "earlyStopping";

    public override string? LoopCondition => "!earlyStopping.Stopped";

    public override IEnumerable<string> EndEpoch(TrainerNames names) => ["earlyStopping.Observe(epoch, validation);"];

    public override IEnumerable<string> AfterLoop(TrainerNames names) =>
    [
        "var stopping = earlyStopping.RestoreBest(epochs);",
        $"options.Log?.WriteLine(stopping.Describe({names.Settings}.Name));",
    ];

    public override string? ResultProperty => "EarlyStopping = stopping";
}
