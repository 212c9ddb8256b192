using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Losses;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>The seed article's rules about when label smoothing hurts or needs a different ε (RD1002–RD1010).</summary>
internal static class SmoothingPracticeRules
{
    /// <summary>At or above this many classes (tokens), ε above 0.1 over-regularises (the article: "30k+ tokens").</summary>
    public const int LargeOutputSpace = 30_000;

    /// <summary>Below this many training examples, Mixup together with label smoothing may regularise too strongly.</summary>
    public const int SmallTrainingSet = 20_000;

    public static IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        var epsilon = recipe.Loss.LabelSmoothing;
        var epsilonSpan = context.Locations.ValueSpan("loss.label_smoothing");

        // RD1002: the student's hard-label loss ("no smoothing here either").
        if (recipe.Distillation is not null && epsilon > 0 && epsilonSpan is { } studentSpan)
        {
            yield return context.Report(DiagnosticDescriptors.StudentSmoothing, studentSpan, "0.0", RuleContext.Number(epsilon), recipe.Name);
        }

        // RD1003: smoothing in the Mixup targets and again through loss.label_smoothing.
        if (recipe.Mixup is { LabelSmoothing: > 0 } mixup && epsilon > 0 && context.Locations.ValueSpan("mixup.label_smoothing") is { } mixupSpan)
        {
            yield return context.Report(DiagnosticDescriptors.DoubleSmoothing, mixupSpan, "0.0",
                RuleContext.Number(epsilon), RuleContext.Number(mixup.LabelSmoothing), RuleContext.Number(mixup.EffectiveSmoothing(epsilon)));
        }

        // RD1004: a large output space. No embedded dataset is that large yet; the rule is ready for one that is.
        if (OverRegularisesLargeOutput(recipe.Classes, epsilon) && epsilonSpan is { } largeSpan)
        {
            yield return context.Report(DiagnosticDescriptors.LargeOutputSpace, largeSpan, "0.1",
                RuleContext.Number(epsilon), recipe.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // RD1005: fine-tuning a pretrained model.
        if (recipe.Model.Pretrained is { } pretrained && epsilon > 0.05 && epsilonSpan is { } fineTuneSpan)
        {
            yield return context.Report(DiagnosticDescriptors.FineTuningSmoothing, fineTuneSpan, "0.05", RuleContext.Number(epsilon), pretrained);
        }

        // RD1006: noisy labels.
        if (recipe.Loss.Smooths && (recipe.Data.Labels == LabelQuality.Noisy || recipe.Data.LabelNoise > 0))
        {
            var why = recipe.Data.LabelNoise > 0
                ? $"labels with {RuleContext.Number(recipe.Data.LabelNoise * 100)} % injected noise"
                : "labels declared noisy";
            var span = epsilonSpan ?? context.Locations.KeySpan("loss.class_smoothing");
            if (span is { } noisySpan)
            {
                yield return context.Report(DiagnosticDescriptors.NoisyLabelSmoothing, noisySpan, null, why);
            }
        }

        // RD1007: Mixup and label smoothing on a small training set.
        // Only where the build knows the training set's size: the user's files are counted when the run loads them.
        if (DatasetFacts.TrainingExamples(recipe.Data.Source, recipe.Data.ValidationSplit) is { } trainingExamples
            && recipe.Mixup is not null && (epsilon > 0 || recipe.Mixup.LabelSmoothing > 0) && trainingExamples < SmallTrainingSet
            && context.Locations.KeySpan("mixup") is { } smallSpan)
        {
            yield return context.Report(DiagnosticDescriptors.MixupSmoothingSmallData, smallSpan, null,
                trainingExamples.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), SmallTrainingSet.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        // RD1008: temperature scaling planned on top of label smoothing.
        if (recipe.Calibration.TemperatureScaling && recipe.Loss.Smooths && context.Locations.ValueSpan("calibration.temperature_scaling") is { } scalingSpan)
        {
            yield return context.Report(DiagnosticDescriptors.TemperatureScalingOnSmoothing, scalingSpan, null, RuleContext.Number(epsilon));
        }

        // RD1009: Mixup with an odd batch size.
        if (recipe.Mixup is not null && recipe.Data.BatchSize % 2 == 1 && context.Locations.ValueSpan("data.batch_size") is { } batchSpan)
        {
            yield return context.Report(DiagnosticDescriptors.MixupOddBatch, batchSpan,
                (recipe.Data.BatchSize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), recipe.Data.BatchSize);
        }

        // RD1010: ε so large that the target is (nearly) flat.
        var classes = recipe.Classes;
        var limit = (classes - 1) / (double)classes;
        if (epsilon >= limit && epsilonSpan is { } flatSpan)
        {
            var effect = recipe.Loss.Convention == SmoothingConvention.OffTarget
                ? $"with off_target the true class gets 1 − ε = {RuleContext.Number(1 - epsilon)}, no more than the {RuleContext.Number(epsilon / (classes - 1))} of each other class: the target is no longer peaked on it"
                : $"the true class gets {RuleContext.Number(1 - epsilon + epsilon / classes)} against {RuleContext.Number(epsilon / classes)} for each other class: a nearly uniform target";
            yield return context.Report(DiagnosticDescriptors.FlatTargets, flatSpan, null, RuleContext.Number(epsilon), RuleContext.Number(limit), effect);
        }
    }

    /// <summary>RD1004's condition: ε above 0.1 over 30,000 or more classes or tokens.</summary>
    internal static bool OverRegularisesLargeOutput(int classes, double epsilon) => classes >= LargeOutputSpace && epsilon > 0.1;
}
