using System.Collections.Immutable;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Every technique's practice rules, in the order of their first ID. Adding a technique's rules is adding its line here.</summary>
internal static class PracticeRules
{
    public static ImmutableArray<TechniqueRules> All { get; } = ImmutableArray.Create<TechniqueRules>(
        new DistillationRules(),
        new MixupRules(),
        new LabelSmoothingRules(),
        new TemperatureScalingRules(),
        new LearningRateScheduleRules(),
        new EarlyStoppingRules(),
        new FocalLossRules(),
        new PrecisionRules());
}
