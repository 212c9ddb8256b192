using System;
using System.Collections.Generic;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Language.Techniques;

/// <summary>The shape of <c>training.schedule</c>.</summary>
public enum ScheduleKind
{
    /// <summary>The optimizer's lr throughout (after any warmup).</summary>
    Constant,

    /// <summary>Cosine annealing from lr down to min_lr over the steps after warmup.</summary>
    Cosine,

    /// <summary>lr multiplied by gamma every step_size epochs.</summary>
    Step,

    /// <summary>Smith's one-cycle: up from lr/25 to lr over the warmup, then down to min_lr.</summary>
    OneCycle,
}

/// <param name="WarmupEpochs">Epochs of linear warmup to lr (the rising phase of one_cycle); may be fractional.</param>
/// <param name="MinLearningRate">cosine: the floor it anneals to; one_cycle: the last step's lr; 0 otherwise.</param>
/// <param name="StepSize">step: epochs between decays; 0 otherwise.</param>
/// <param name="Gamma">step: the factor of each decay; 0 otherwise.</param>
public sealed record ScheduleSpec(ScheduleKind Kind, double WarmupEpochs, double MinLearningRate, int StepSize, double Gamma)
{
    /// <summary>Whether the learning rate ever differs from the optimizer's.</summary>
    public bool Varies => Kind != ScheduleKind.Constant || WarmupEpochs > 0;
}

/// <summary>Reads and writes <c>training.schedule</c>: a name (its defaults) or a mapping.</summary>
public static class LearningRateScheduleSection
{
    public const string Path = "training.schedule";

    public static readonly IReadOnlyList<string> Keys = new[] { "type", "warmup_epochs", "min_lr", "step_size", "gamma" };

    public static readonly IReadOnlyList<KeyValuePair<string, ScheduleKind>> Kinds = new[]
    {
        new KeyValuePair<string, ScheduleKind>("constant", ScheduleKind.Constant),
        new KeyValuePair<string, ScheduleKind>("cosine", ScheduleKind.Cosine),
        new KeyValuePair<string, ScheduleKind>("step", ScheduleKind.Step),
        new KeyValuePair<string, ScheduleKind>("one_cycle", ScheduleKind.OneCycle),
    };

    /// <summary>PyTorch's StepLR default.</summary>
    public const double StepGamma = 0.1;

    /// <summary>PyTorch's OneCycleLR defaults: 30 % of the steps rising, from max_lr/25, ending at that divided by 10⁴.</summary>
    public const double OneCycleRisingShare = 0.3;
    public const double OneCycleStartDivisor = 25;
    public const double OneCycleFinalDivisor = 1e4;

    public static string Spelling(this ScheduleKind kind)
    {
        foreach (var pair in Kinds)
        {
            if (pair.Value == kind)
            {
                return pair.Key;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind));
    }

    internal static ScheduleSpec? Read(ValueReader read, Section training, int epochs, double learningRate)
    {
        var node = training.Value("schedule");
        if (node is null || node is YamlScalar { IsNull: true })
        {
            return null;
        }

        if (node is YamlScalar)
        {
            // Shorthand: "schedule: cosine" takes that schedule's defaults.
            var shorthand = read.Enum(training, "schedule", ScheduleKind.Constant, Kinds);
            if (shorthand == ScheduleKind.Step)
            {
                read.Report(ProblemIds.MissingKey, node.Span, Path + ".step_size", "the epochs between decays, as in { type: step, step_size: 10 }");
            }

            return Defaults(shorthand, epochs, learningRate);
        }

        var schedule = read.Section(node, Path, training.KeySpan("schedule"));
        var kind = read.Enum(schedule, "type", ScheduleKind.Constant, Kinds, required: true);
        var defaults = Defaults(kind, epochs, learningRate);
        var warmup = read.Number(schedule, "warmup_epochs", defaults.WarmupEpochs, NumberRange.Closed(0, 10000));
        var minimum = kind is ScheduleKind.Cosine or ScheduleKind.OneCycle
            ? read.Number(schedule, "min_lr", defaults.MinLearningRate, NumberRange.Closed(0, 10))
            : read.NotApplicable(schedule, "min_lr", "it applies only to types 'cosine' and 'one_cycle'", 0.0);
        if (minimum >= learningRate && schedule.Value("min_lr") is { } minimumNode)
        {
            read.Report(ProblemIds.InvalidValue, minimumNode.Span, Path + ".min_lr",
                $"it must be below the optimizer's lr ({YamlText.Number(learningRate)}), which the schedule starts from");
        }

        if (kind == ScheduleKind.OneCycle && warmup >= epochs && schedule.Value("warmup_epochs") is { } warmupNode)
        {
            read.Report(ProblemIds.InvalidValue, warmupNode.Span, Path + ".warmup_epochs",
                $"one_cycle rises for warmup_epochs and then falls, so they must be fewer than training.epochs ({epochs})");
        }

        int stepSize = 0;
        double gamma = 0;
        if (kind == ScheduleKind.Step)
        {
            stepSize = read.Integer(schedule, "step_size", 1, NumberRange.Closed(1, 10000));
            if (!schedule.Has("step_size"))
            {
                read.Report(ProblemIds.MissingKey, schedule.Span, Path + ".step_size", "the epochs between decays, such as 10");
            }

            gamma = read.Number(schedule, "gamma", StepGamma, NumberRange.OpenClosed(0, 1));
        }
        else
        {
            read.NotApplicable(schedule, "step_size", "it applies only to type 'step'", 0);
            read.NotApplicable(schedule, "gamma", "it applies only to type 'step'", 0.0);
        }

        return new ScheduleSpec(kind, warmup, minimum, stepSize, gamma);
    }

    private static ScheduleSpec Defaults(ScheduleKind kind, int epochs, double learningRate) => kind switch
    {
        ScheduleKind.OneCycle => new(kind, OneCycleRisingShare * epochs, learningRate / OneCycleStartDivisor / OneCycleFinalDivisor, 0, 0),
        ScheduleKind.Step => new(kind, 0, 0, 1, StepGamma),
        _ => new(kind, 0, 0, 0, 0),
    };

    /// <summary>The resolved section, for <see cref="RecipeYamlWriter"/>.</summary>
    internal static void Write(ScheduleSpec schedule, Action<int, string> line)
    {
        line(1, "schedule:");
        line(2, "type: " + schedule.Kind.Spelling());
        line(2, "warmup_epochs: " + YamlText.Number(schedule.WarmupEpochs));
        if (schedule.Kind is ScheduleKind.Cosine or ScheduleKind.OneCycle)
        {
            line(2, "min_lr: " + YamlText.Number(schedule.MinLearningRate));
        }

        if (schedule.Kind == ScheduleKind.Step)
        {
            line(2, "step_size: " + YamlText.Number(schedule.StepSize));
            line(2, "gamma: " + YamlText.Number(schedule.Gamma));
        }
    }
}
