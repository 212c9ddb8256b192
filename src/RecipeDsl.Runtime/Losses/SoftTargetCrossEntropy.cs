using System;
using static TorchSharp.torch;

namespace RecipeDsl.Losses;

/// <summary>
/// Cross-entropy against a full target distribution per example: mean over the batch of −Σ_k q_k · log softmax(z)_k.
/// It applies no smoothing of its own, so targets smoothed once (for Mixup, in the targets) stay smoothed once.
/// </summary>
public static class SoftTargetCrossEntropy
{
    /// <param name="logits">Unnormalised scores, shape (N, K).</param>
    /// <param name="targets">A distribution per example, shape (N, K); rows sum to 1.</param>
    public static Tensor Compute(Tensor logits, Tensor targets)
    {
        if (!logits.shape.AsSpan().SequenceEqual(targets.shape))
        {
            throw new ArgumentException($"Expected logits and targets of one shape; got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", targets.shape)}].");
        }

        using var scope = NewDisposeScope();
        return (-(targets * nn.functional.log_softmax(logits, dim: 1)).sum(dim: 1)).mean().MoveToOuterDisposeScope();
    }
}
