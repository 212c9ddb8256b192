using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Focal loss that is cross-entropy in disguise (RD1014); the fix writes Lin et al.'s γ.</summary>
internal static class FocalLossRules
{
    public static IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Loss.Kind == LossKind.Focal && recipe.Loss.FocalGamma == 0 && context.Locations.ValueSpan("loss.focal_gamma") is { } span)
        {
            yield return context.Report(DiagnosticDescriptors.FocalGammaZero, span, "2");
        }
    }
}
