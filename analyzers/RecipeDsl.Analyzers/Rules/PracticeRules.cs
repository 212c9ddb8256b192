using System.Collections.Generic;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Every technique's practice rules, in the order of their first ID. Adding a technique's rules is adding its line here.</summary>
internal static class PracticeRules
{
    public static IReadOnlyList<TechniqueRules> All { get; } = new TechniqueRules[]
    {
        new DistillationRules(),
        new MixupRules(),
        new LabelSmoothingRules(),
        new TemperatureScalingRules(),
        new LearningRateScheduleRules(),
        new EarlyStoppingRules(),
        new FocalLossRules(),
    };
}
