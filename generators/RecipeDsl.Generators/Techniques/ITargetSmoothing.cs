namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// The role of the one technique that smooths the targets (one ε for all, or ε per class): the plan's loss criterion
/// asks it for smoothed targets, or for cross-entropy on smoothed labels written without building them.
/// </summary>
internal interface ITargetSmoothing
{
    /// <summary>The smoothed target distribution (N, K) of <c>labels</c>.</summary>
    /// <param name="epsilon">The C# expression of ε: the recipe's constant, or a sweep's parameter.</param>
    string Targets(TrainerNames names, string epsilon);

    /// <summary>Cross-entropy of <paramref name="logits"/> against smoothed <paramref name="labels"/>.</summary>
    /// <param name="ignoreIndex">The expression of the target that counts for nothing (sequences), or null.</param>
    string CrossEntropy(TrainerNames names, string logits, string labels, string epsilon, string? ignoreIndex);
}
