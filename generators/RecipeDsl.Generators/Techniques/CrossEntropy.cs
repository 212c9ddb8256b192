using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>Cross-entropy, the default loss: TorchSharp's own on labels, smoothed by the plan's smoothing if any.</summary>
internal sealed class CrossEntropy : LossCriterion
{
    public override string OnLabels(TrainerNames names, string logits, string labels, ITargetSmoothing? smoothing, string epsilon, string? ignoreIndex) =>
        smoothing?.CrossEntropy(names, logits, labels, epsilon, ignoreIndex)
        ?? $"{Functional}.cross_entropy({logits}, {labels}{(ignoreIndex is null ? "" : $", ignore_index: {ignoreIndex}")})";

    public override string OnTargets(TrainerNames names, string logits, string targets) =>
        $"{LossesAlias}.SoftTargetCrossEntropy.Compute({logits}, {targets})";
}
