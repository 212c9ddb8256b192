using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Mixup beside label smoothing and the batch (RD1003, RD1007, RD1009).</summary>
internal sealed class MixupRules : TechniqueRules
{
    /// <summary>Below this many training examples, Mixup together with label smoothing may regularise too strongly.</summary>
    public const int SmallTrainingSet = 20_000;

    public static readonly DiagnosticDescriptor DoubleSmoothing = Rule("RD1003", DiagnosticSeverity.Warning,
        "Targets smoothed twice",
        "Targets are smoothed twice: loss.label_smoothing = {0} and mixup.label_smoothing = {1} give an effective ε = {2}; keep one of them",
        "Smoothing the Mixup targets and smoothing again in the loss compounds: 1 − (1 − a)(1 − b). timm users hit this when a "
        + "smoothing criterion meets Mixup(label_smoothing=…).",
        fixable: true);

    public static readonly DiagnosticDescriptor MixupSmoothingSmallData = Rule("RD1007", DiagnosticSeverity.Info,
        "Mixup and label smoothing on a small training set",
        "Mixup together with label smoothing regularises strongly; with {0} training examples (fewer than {1}) that can underfit, so compare with either one alone",
        "The two are complementary, and their combined effect is stronger than either alone, which can be too much for small datasets (the seed article).");

    public static readonly DiagnosticDescriptor MixupOddBatch = Rule("RD1009", DiagnosticSeverity.Info,
        "Mixup with an odd batch size",
        "batch_size {0} is odd: RecipeDsl pairs Mixup partners by a permutation and handles it, but flip-based Mixup (timm) needs an even batch; an even size keeps results comparable",
        "timm's Mixup pairs each example with its mirror in the batch and asserts an even batch size.",
        fixable: true);

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(DoubleSmoothing, MixupSmoothingSmallData, MixupOddBatch);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Mixup is not { } mixup)
        {
            yield break;
        }

        var epsilon = recipe.Loss.LabelSmoothing;

        // RD1003: smoothing in the Mixup targets and again through loss.label_smoothing.
        if (mixup.LabelSmoothing > 0 && epsilon > 0 && context.Locations.ValueSpan("mixup.label_smoothing") is { } mixupSpan)
        {
            yield return context.Report(DoubleSmoothing, mixupSpan, new CodeFix("0.0", "Smooth the Mixup targets only once"),
                RuleContext.Number(epsilon), RuleContext.Number(mixup.LabelSmoothing), RuleContext.Number(mixup.EffectiveSmoothing(epsilon)));
        }

        // RD1007: Mixup and label smoothing on a small training set.
        // Only where the build knows the training set's size: the user's files are counted when the run loads them.
        if (DatasetFacts.TrainingExamples(recipe.Data.Source, recipe.Data.ValidationSplit) is { } trainingExamples
            && (epsilon > 0 || mixup.LabelSmoothing > 0) && trainingExamples < SmallTrainingSet
            && context.Locations.KeySpan("mixup") is { } smallSpan)
        {
            yield return context.Report(MixupSmoothingSmallData, smallSpan, null,
                trainingExamples.ToString("N0", CultureInfo.InvariantCulture), SmallTrainingSet.ToString("N0", CultureInfo.InvariantCulture));
        }

        // RD1009: Mixup with an odd batch size.
        if (recipe.Data.BatchSize % 2 == 1 && context.Locations.ValueSpan("data.batch_size") is { } batchSpan)
        {
            var even = (recipe.Data.BatchSize + 1).ToString(CultureInfo.InvariantCulture);
            yield return context.Report(MixupOddBatch, batchSpan, new CodeFix(even, $"Use an even batch size ({even})"), recipe.Data.BatchSize);
        }
    }
}
