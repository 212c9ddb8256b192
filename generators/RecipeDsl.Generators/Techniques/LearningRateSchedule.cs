using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Techniques;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// A learning rate schedule (<c>training.schedule</c>): built over the run's epochs and batches once the optimizer
/// exists, stepped after every optimizer step, its position kept in checkpoints.
/// </summary>
internal sealed class LearningRateSchedule : Technique
{
    private readonly ScheduleSpec _schedule;

    public LearningRateSchedule(ScheduleSpec schedule) => _schedule = schedule;

    /// <summary>The unit when the recipe's schedule moves the rate at all; a constant rate without warmup needs none.</summary>
    public static Technique? From(Recipe recipe) =>
        recipe.Training.Schedule is { Varies: true } schedule ? new LearningRateSchedule(schedule) : null;

    public override string Summary(Recipe recipe)
    {
        var warmup = _schedule.WarmupEpochs > 0 ? $", warmup {Literals.Number(_schedule.WarmupEpochs)} epoch{(_schedule.WarmupEpochs == 1 ? "" : "s")}" : "";
        return _schedule.Kind switch
        {
            ScheduleKind.Cosine => $"cosine lr schedule to {Literals.Number(_schedule.MinLearningRate)}{warmup}",
            ScheduleKind.OneCycle => $"one-cycle lr schedule (rising {Literals.Number(_schedule.WarmupEpochs)} epoch{(_schedule.WarmupEpochs == 1 ? "" : "s")})",
            ScheduleKind.Step => $"lr × {Literals.Number(_schedule.Gamma)} every {_schedule.StepSize} epoch{(_schedule.StepSize == 1 ? "" : "s")}{warmup}",
            _ => $"constant lr{warmup}",
        };
    }

    public override IEnumerable<string> Settings(Recipe recipe)
    {
        yield return $"public const double WarmupEpochs = {Literals.Double(_schedule.WarmupEpochs)};";
        switch (_schedule.Kind)
        {
            case ScheduleKind.Cosine or ScheduleKind.OneCycle:
                yield return $"public const double MinLearningRate = {Literals.Double(_schedule.MinLearningRate)};";
                break;
            case ScheduleKind.Step:
                yield return $"public const int StepSizeEpochs = {Literals.Int(_schedule.StepSize)};";
                yield return $"public const double StepGamma = {Literals.Double(_schedule.Gamma)};";
                break;
        }
    }

    public override IEnumerable<string> PrepareLoop(TrainerNames names)
    {
        var settings = names.Settings;
        var common = $"optimizer, epochs, batches, {settings}.WarmupEpochs";
        yield return "// Stepped after every optimizer step; the rate of each epoch's first step is in its metrics.";
        yield return $"var schedule = {TrainingAlias}.LearningRateSchedule." + _schedule.Kind switch
        {
            ScheduleKind.Cosine => $"Cosine({common}, {settings}.MinLearningRate);",
            ScheduleKind.OneCycle => $"OneCycle({common}, {settings}.MinLearningRate);",
            ScheduleKind.Step => $"Step({common}, {settings}.StepSizeEpochs, {settings}.StepGamma);",
            _ => $"Constant({common});",
        };
    }

    public override string? CheckpointPart => "schedule";

    public override (string Type, string Name)? EpochState(TrainerNames names) => ($"{TrainingAlias}.LearningRateSchedule", "schedule");

    public override IEnumerable<string> AfterStep(TrainerNames names) => ["schedule.Step();"];
}
