using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Schedules that cannot do what they say within the recipe's epochs (RD1011, RD1012).</summary>
internal static class LearningRateScheduleRules
{
    public static IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Training.Schedule is not { } schedule)
        {
            yield break;
        }

        var epochs = recipe.Training.Epochs;
        // one_cycle's warmup is its rising half, refused at parse time when it is as long as training.
        if (schedule.Kind != ScheduleKind.OneCycle && schedule.WarmupEpochs >= epochs
            && context.Locations.ValueSpan(LearningRateScheduleSection.Path + ".warmup_epochs") is { } warmupSpan)
        {
            yield return context.Report(DiagnosticDescriptors.WarmupAsLongAsTraining, warmupSpan, null,
                RuleContext.Number(schedule.WarmupEpochs), epochs, RuleContext.Number(recipe.Training.Optimizer.LearningRate), schedule.Kind.Spelling());
        }

        var afterWarmup = epochs - schedule.WarmupEpochs;
        if (schedule.Kind == ScheduleKind.Step && afterWarmup > 0 && schedule.StepSize >= afterWarmup
            && context.Locations.ValueSpan(LearningRateScheduleSection.Path + ".step_size") is { } stepSpan)
        {
            yield return context.Report(DiagnosticDescriptors.StepScheduleNeverDecays, stepSpan, null, schedule.StepSize, RuleContext.Number(afterWarmup));
        }
    }
}
