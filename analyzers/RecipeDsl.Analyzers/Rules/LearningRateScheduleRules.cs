using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Schedules that cannot do what they say within the recipe's epochs (RD1011, RD1012).</summary>
internal sealed class LearningRateScheduleRules : TechniqueRules
{
    public static readonly DiagnosticDescriptor WarmupAsLongAsTraining = Rule("RD1011", DiagnosticSeverity.Warning,
        "Warmup as long as training",
        "warmup_epochs {0} is at least training.epochs {1}: the learning rate never reaches lr {2}, and the {3} schedule after the warmup never runs",
        "A warmup rises linearly to the optimizer's lr; when it lasts the whole run, training happens at a fraction of the rate the recipe names.");

    public static readonly DiagnosticDescriptor StepScheduleNeverDecays = Rule("RD1012", DiagnosticSeverity.Warning,
        "Step schedule that never decays",
        "step_size {0} is at least the {1} epochs left after warmup: the learning rate is never multiplied by gamma",
        "A step schedule multiplies lr by gamma every step_size epochs; a step size as long as training leaves the rate constant.");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(WarmupAsLongAsTraining, StepScheduleNeverDecays);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
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
            yield return context.Report(WarmupAsLongAsTraining, warmupSpan, null,
                RuleContext.Number(schedule.WarmupEpochs), epochs, RuleContext.Number(recipe.Training.Optimizer.LearningRate), schedule.Kind.Spelling());
        }

        var afterWarmup = epochs - schedule.WarmupEpochs;
        if (schedule.Kind == ScheduleKind.Step && afterWarmup > 0 && schedule.StepSize >= afterWarmup
            && context.Locations.ValueSpan(LearningRateScheduleSection.Path + ".step_size") is { } stepSpan)
        {
            yield return context.Report(StepScheduleNeverDecays, stepSpan, null, schedule.StepSize, RuleContext.Number(afterWarmup));
        }
    }
}
