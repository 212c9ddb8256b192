using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// Early stopping that cannot stop before the last epoch (RD1013): the first epoch is always an improvement, so
/// stopping early needs patience + 2 epochs or more.
/// </summary>
internal static class EarlyStoppingRules
{
    public static IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Training.EarlyStopping is { } stopping && stopping.Patience >= recipe.Training.Epochs - 1
            && (context.Locations.ValueSpan(EarlyStoppingSection.Path + ".patience") ?? context.Locations.KeySpan(EarlyStoppingSection.Path)) is { } span)
        {
            yield return context.Report(DiagnosticDescriptors.EarlyStoppingCannotStop, span, null, stopping.Patience, recipe.Training.Epochs);
        }
    }
}
