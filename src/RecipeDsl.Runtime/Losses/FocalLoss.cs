using System;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Losses;

/// <summary>
/// Focal loss (Lin et al. 2017), FL = −(1 − p_t)^γ · log p_t, mean over the batch: cross-entropy with the examples the
/// model already gets right down-weighted. Mukhoti et al. (2020) show it calibrates better than cross-entropy, which
/// makes it the rival of label smoothing for the same question. γ = 0 is cross-entropy exactly.
/// </summary>
/// <remarks>
/// Against a target distribution q (smoothed or Mixup targets) every class is weighted the same way,
/// −Σₖ qₖ (1 − pₖ)^γ log pₖ; for a one-hot q this is the formula above. So label smoothing and Mixup compose with it as
/// they do with cross-entropy: they change the targets, focal loss changes how each target class is scored.
/// TorchSharp has no focal loss (torchvision's sigmoid_focal_loss is the binary, detection form).
/// </remarks>
public static class FocalLoss
{
    /// <summary>
    /// The base of the weight never falls below this, so that for γ &lt; 1 a class predicted with probability 1 in
    /// float32 keeps a finite gradient (the derivative of x^γ is infinite at 0). It changes no weight above 1e-12.
    /// </summary>
    private const double SmallestBase = 1e-12;

    /// <param name="logits">Unnormalised scores, shape (N, K).</param>
    /// <param name="labels">Class indices, shape (N).</param>
    public static Tensor Compute(Tensor logits, Tensor labels, double gamma)
    {
        using var scope = NewDisposeScope();
        var logTrue = nn.functional.log_softmax(logits, dim: 1).gather(1, labels.unsqueeze(1)).squeeze(1);
        return (-(Weight(logTrue, gamma) * logTrue)).mean().MoveToOuterDisposeScope();
    }

    /// <param name="logits">Unnormalised scores, shape (N, K).</param>
    /// <param name="targets">A distribution per example, shape (N, K); rows sum to 1.</param>
    public static Tensor Soft(Tensor logits, Tensor targets, double gamma)
    {
        if (!logits.shape.AsSpan().SequenceEqual(targets.shape))
        {
            throw new ArgumentException($"Expected logits and targets of one shape; got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", targets.shape)}].");
        }

        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(logits, dim: 1);
        return (-(targets * Weight(logProbabilities, gamma) * logProbabilities).sum(dim: 1)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>(1 − p)^γ from log p: −expm1(log p) is 1 − p without the cancellation of 1 − exp(log p).</summary>
    private static Tensor Weight(Tensor logProbabilities, double gamma)
    {
        using var exponent = gamma.ToScalar();
        using var smallest = SmallestBase.ToScalar();
        return logProbabilities.expm1().neg().clamp_min(smallest).pow(exponent);
    }
}
