using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Focal loss (<c>loss.type: focal</c>). Smoothing and Mixup change the targets and focal loss scores them: on smoothed
/// labels it is scored against the smoothed distribution, every class weighted by (1 − pₖ)^γ.
/// </summary>
internal sealed class FocalLoss : LossCriterion
{
    private readonly double _gamma;

    public FocalLoss(double gamma) => _gamma = gamma;

    public override string Summary(Recipe recipe) => $"focal loss γ {Literals.Number(_gamma)}";

    public override IEnumerable<string> Settings(Recipe recipe) =>
        [$"public const double FocalGamma = {Literals.Double(_gamma)};"];

    public override string OnLabels(TrainerNames names, string logits, string labels, ITargetSmoothing? smoothing, string epsilon, string? ignoreIndex) =>
        smoothing is null
            ? $"{LossesAlias}.FocalLoss.Compute({logits}, {labels}, {names.Settings}.FocalGamma)"
            : OnTargets(names, logits, smoothing.Targets(names, epsilon));

    public override string OnTargets(TrainerNames names, string logits, string targets) =>
        $"{LossesAlias}.FocalLoss.Soft({logits}, {targets}, {names.Settings}.FocalGamma)";
}
