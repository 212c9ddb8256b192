using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>Focal loss that is cross-entropy in disguise (RD1014); the fix writes Lin et al.'s γ.</summary>
internal sealed class FocalLossRules : TechniqueRules
{
    public static readonly DiagnosticDescriptor FocalGammaZero = Rule("RD1014", DiagnosticSeverity.Info,
        "Focal loss with γ = 0",
        "focal_gamma 0 makes focal loss plain cross-entropy; use type: cross_entropy, or γ > 0 (Lin et al. use 2; Mukhoti et al. 1–5 for calibration)",
        "Focal loss −(1 − p)^γ log p equals cross-entropy at γ = 0.",
        fixable: true);

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(FocalGammaZero);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Loss.Kind == LossKind.Focal && recipe.Loss.FocalGamma == 0 && context.Locations.ValueSpan("loss.focal_gamma") is { } span)
        {
            yield return context.Report(FocalGammaZero, span, new CodeFix("2", "Set focal_gamma to 2"));
        }
    }
}
