using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Temperature scaling planned on top of label smoothing (RD1008).</summary>
internal sealed class TemperatureScalingRules : TechniqueRules
{
    public static readonly DiagnosticDescriptor TemperatureScalingOnSmoothing = Rule("RD1008", DiagnosticSeverity.Info,
        "Temperature scaling on top of label smoothing",
        "Temperature scaling on top of label smoothing (ε = {0}): smoothing already moderates confidence, so the fitted temperature will gain less; compare NLL and ECE with ε = 0",
        "Using both gives the strongest calibration, but the marginal benefit of label smoothing when temperature scaling is planned is smaller.");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(TemperatureScalingOnSmoothing);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Calibration.TemperatureScaling && recipe.Loss.Smooths && context.Locations.ValueSpan("calibration.temperature_scaling") is { } span)
        {
            yield return context.Report(TemperatureScalingOnSmoothing, span, null, RuleContext.Number(recipe.Loss.LabelSmoothing));
        }
    }
}
