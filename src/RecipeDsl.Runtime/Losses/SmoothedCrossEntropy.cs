using System;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Losses;

/// <summary>
/// Cross-entropy against label-smoothed targets, in either <see cref="SmoothingConvention"/>, without building
/// the K-wide target tensor: with ℓ = −log_softmax(logits), the loss of one position with true class y is
/// <list type="bullet">
/// <item>uniform: (1−ε)·ℓ_y + (ε/K)·Σ_k ℓ_k</item>
/// <item>off-target: (1−ε)·ℓ_y + (ε/(K−1))·(Σ_k ℓ_k − ℓ_y)</item>
/// </list>
/// Positions whose target equals <c>ignoreIndex</c> contribute nothing, to the sum or to the count the mean divides by.
/// </summary>
public static class SmoothedCrossEntropy
{
    public const long DefaultIgnoreIndex = -100;

    /// <param name="logits">Unnormalised scores, shape (N, K).</param>
    /// <param name="targets">Class indices, shape (N), of type int64.</param>
    public static Tensor Compute(
        Tensor logits,
        Tensor targets,
        double epsilon,
        SmoothingConvention convention,
        long ignoreIndex = DefaultIgnoreIndex,
        LossReduction reduction = LossReduction.Mean)
    {
        if (epsilon is < 0 or >= 1 || double.IsNaN(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Label smoothing ε must lie in [0, 1).");
        }

        if (logits.dim() != 2 || targets.dim() != 1 || logits.shape[0] != targets.shape[0])
        {
            throw new ArgumentException($"Expected logits (N, K) and targets (N); got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", targets.shape)}].");
        }

        var classes = logits.shape[1];
        if (convention == SmoothingConvention.OffTarget && classes < 2)
        {
            throw new ArgumentException("The off-target convention needs at least two classes.", nameof(logits));
        }

        using var scope = NewDisposeScope();
        var negativeLogProbs = -nn.functional.log_softmax(logits, dim: 1);
        var kept = targets.ne(ignoreIndex);
        var safeTargets = where(kept, targets, zeros_like(targets));
        var trueClass = negativeLogProbs.gather(1, safeTargets.unsqueeze(1)).squeeze(1);
        var allClasses = negativeLogProbs.sum(dim: 1);
        var perPosition = convention == SmoothingConvention.Uniform
            ? (1 - epsilon) * trueClass + (epsilon / classes) * allClasses
            : (1 - epsilon) * trueClass + (epsilon / (classes - 1)) * (allClasses - trueClass);
        perPosition = perPosition * kept.to(perPosition.dtype);

        var result = reduction switch
        {
            LossReduction.None => perPosition,
            LossReduction.Sum => perPosition.sum(),
            // Divide by the real count of kept positions (PyTorch #73205 miscounted them); all ignored gives 0, not NaN.
            _ => perPosition.sum() / kept.sum().clamp_min(1).to(perPosition.dtype),
        };
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The smoothed target distribution itself, shape (N, K), for tests and for soft-target losses.</summary>
    public static Tensor Targets(Tensor targets, long classes, double epsilon, SmoothingConvention convention)
    {
        using var scope = NewDisposeScope();
        var onTarget = convention == SmoothingConvention.Uniform ? 1 - epsilon + epsilon / classes : 1 - epsilon;
        var offTarget = convention == SmoothingConvention.Uniform ? epsilon / classes : epsilon / (classes - 1);
        var distribution = full(targets.shape[0], classes, offTarget, dtype: float32, device: targets.device);
        distribution.scatter_(1, targets.unsqueeze(1), full(targets.shape[0], 1, onTarget, dtype: float32, device: targets.device));
        return distribution.MoveToOuterDisposeScope();
    }
}
