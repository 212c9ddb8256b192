using RecipeDsl.Language.Model;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// The role of the recipe's loss (<c>loss.type</c>): how logits are scored against labels, smoothed or not, and
/// against a target distribution (Mixup's). Every plan has exactly one.
/// </summary>
internal abstract class LossCriterion : Technique
{
    /// <summary>The recipe's loss: every recipe has one.</summary>
    public static Technique From(Recipe recipe) =>
        recipe.Loss.Kind == LossKind.Focal ? new FocalLoss(recipe.Loss.FocalGamma) : new CrossEntropy();

    /// <summary>The loss of <paramref name="logits"/> against <paramref name="labels"/>, smoothed by <paramref name="smoothing"/> if any.</summary>
    /// <param name="ignoreIndex">The expression of the target that counts for nothing (sequences), or null.</param>
    public abstract string OnLabels(TrainerNames names, string logits, string labels, ITargetSmoothing? smoothing, string epsilon, string? ignoreIndex);

    /// <summary>The loss of <paramref name="logits"/> against a target distribution per example.</summary>
    public abstract string OnTargets(TrainerNames names, string logits, string targets);
}
