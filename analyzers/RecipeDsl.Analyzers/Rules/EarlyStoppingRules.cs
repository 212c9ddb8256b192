using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// Early stopping that cannot stop before the last epoch (RD1013): the first epoch is always an improvement, so
/// stopping early needs patience + 2 epochs or more.
/// </summary>
internal sealed class EarlyStoppingRules : TechniqueRules
{
    public static readonly DiagnosticDescriptor EarlyStoppingCannotStop = Rule("RD1013", DiagnosticSeverity.Info,
        "Early stopping that cannot stop early",
        "patience {0} with training.epochs {1} cannot stop before the last epoch (the first always counts as an improvement): every epoch is trained; early stopping only puts the best epoch's weights back",
        "Training stops after patience epochs without an improvement after the first epoch, which needs more than patience + 1 epochs.");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(EarlyStoppingCannotStop);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Training.EarlyStopping is { } stopping && stopping.Patience >= recipe.Training.Epochs - 1
            && (context.Locations.ValueSpan(EarlyStoppingSection.Path + ".patience") ?? context.Locations.KeySpan(EarlyStoppingSection.Path)) is { } span)
        {
            yield return context.Report(EarlyStoppingCannotStop, span, null, stopping.Patience, recipe.Training.Epochs);
        }
    }
}
