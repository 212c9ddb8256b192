using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;
using RecipeDsl.Losses;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// The seed article's rules on an ε that over-regularises or does not fit the labels (RD1004, RD1005, RD1006, RD1010).
/// </summary>
internal sealed class LabelSmoothingRules : TechniqueRules
{
    /// <summary>At or above this many classes (tokens), ε above 0.1 over-regularises (the article: "30k+ tokens").</summary>
    public const int LargeOutputSpace = 30_000;

    public static readonly DiagnosticDescriptor LargeOutputSpaceSmoothing = Rule("RD1004", DiagnosticSeverity.Warning,
        "Large label smoothing for a large output space",
        "Label smoothing ε = {0} over {1} classes over-regularises; with 30,000 or more classes or tokens, 0.05–0.1 is the usual range",
        "With a very large vocabulary, ε = 0.1 already moves a large absolute probability mass onto wrong tokens (the seed article, on machine translation).",
        fixable: true);

    public static readonly DiagnosticDescriptor FineTuningSmoothing = Rule("RD1005", DiagnosticSeverity.Warning,
        "Large label smoothing while fine-tuning",
        "Label smoothing ε = {0} while fine-tuning from '{1}': a pretrained model already has strong priors and calibration that large ε can disturb; 0.05 is the usual value",
        "The seed article: for fine-tuning, lower values (0.05) are often better to avoid destabilising the existing calibration.",
        fixable: true);

    public static readonly DiagnosticDescriptor NoisyLabelSmoothing = Rule("RD1006", DiagnosticSeverity.Warning,
        "Label smoothing is not noise handling",
        "Label smoothing on {0}: it softens every label alike and is no substitute for noise handling (noise-robust losses, relabelling); compare against a baseline",
        "Label smoothing is designed for confident labels you want to soften slightly; with wrong labels it applies the same soft target to clean and mislabelled examples.");

    public static readonly DiagnosticDescriptor FlatTargets = Rule("RD1010", DiagnosticSeverity.Warning,
        "Label smoothing so large that the target is flat",
        "Label smoothing ε = {0} is at least (K−1)/K = {1}: {2}",
        "At ε ≥ (K−1)/K the smoothed target no longer (off_target) or barely (uniform) prefers the true class, so the model is trained toward uncertainty.");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
        ImmutableArray.Create(LargeOutputSpaceSmoothing, FineTuningSmoothing, NoisyLabelSmoothing, FlatTargets);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        var epsilon = recipe.Loss.LabelSmoothing;
        var epsilonSpan = context.Locations.ValueSpan("loss.label_smoothing");

        // RD1004: a large output space.
        if (OverRegularisesLargeOutput(recipe.Classes, epsilon) && epsilonSpan is { } largeSpan)
        {
            yield return context.Report(LargeOutputSpaceSmoothing, largeSpan, SetEpsilon("0.1"),
                RuleContext.Number(epsilon), recipe.Classes.ToString(CultureInfo.InvariantCulture));
        }

        // RD1005: fine-tuning a pretrained model.
        if (recipe.Model.Pretrained is { } pretrained && epsilon > 0.05 && epsilonSpan is { } fineTuneSpan)
        {
            yield return context.Report(FineTuningSmoothing, fineTuneSpan, SetEpsilon("0.05"), RuleContext.Number(epsilon), pretrained);
        }

        // RD1006: noisy labels.
        if (recipe.Loss.Smooths && (recipe.Data.Labels == LabelQuality.Noisy || recipe.Data.LabelNoise > 0)
            && (epsilonSpan ?? context.Locations.KeySpan("loss.class_smoothing")) is { } noisySpan)
        {
            var why = recipe.Data.LabelNoise > 0
                ? $"labels with {RuleContext.Number(recipe.Data.LabelNoise * 100)} % injected noise"
                : "labels declared noisy";
            yield return context.Report(NoisyLabelSmoothing, noisySpan, null, why);
        }

        // RD1010: ε so large that the target is (nearly) flat.
        var classes = recipe.Classes;
        var limit = (classes - 1) / (double)classes;
        if (epsilon >= limit && epsilonSpan is { } flatSpan)
        {
            var effect = recipe.Loss.Convention == SmoothingConvention.OffTarget
                ? $"with off_target the true class gets 1 − ε = {RuleContext.Number(1 - epsilon)}, no more than the {RuleContext.Number(epsilon / (classes - 1))} of each other class: the target is no longer peaked on it"
                : $"the true class gets {RuleContext.Number(1 - epsilon + epsilon / classes)} against {RuleContext.Number(epsilon / classes)} for each other class: a nearly uniform target";
            yield return context.Report(FlatTargets, flatSpan, null, RuleContext.Number(epsilon), RuleContext.Number(limit), effect);
        }
    }

    /// <summary>RD1004's condition: ε above 0.1 over 30,000 or more classes or tokens.</summary>
    internal static bool OverRegularisesLargeOutput(int classes, double epsilon) => classes >= LargeOutputSpace && epsilon > 0.1;

    private static CodeFix SetEpsilon(string epsilon) => new(epsilon, $"Set label smoothing to {epsilon}");
}
