using System;
using RecipeDsl.Torch;
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
/// <remarks>
/// Numbers meet tensors through Scalars held in <c>using</c>: TorchSharp 0.107 turns a bare number into a Scalar that
/// only the garbage collector frees, and it can free it while native code still reads it ("Unknown scalar type";
/// dotnet/TorchSharp#1434). The same holds in the other per-batch code of this library.
/// </remarks>
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
        CheckEpsilon(epsilon, nameof(epsilon));
        using var value = epsilon.ToScalar();
        return Compute(logits, targets, convention, ignoreIndex, reduction, (trueClass, _) => full_like(trueClass, value));
    }

    /// <summary>
    /// Per-class smoothing: a position whose true class is c is smoothed with <paramref name="epsilonPerClass"/>[c]
    /// (asymmetric smoothing: more or less smoothing for some classes), in either convention.
    /// </summary>
    /// <param name="epsilonPerClass">One ε per class, shape (K), each in [0, 1): made by <see cref="ClassEpsilons"/>, which checks
    /// them once, so that no batch waits on the device for the check.</param>
    public static Tensor Compute(
        Tensor logits,
        Tensor targets,
        Tensor epsilonPerClass,
        SmoothingConvention convention,
        long ignoreIndex = DefaultIgnoreIndex,
        LossReduction reduction = LossReduction.Mean)
    {
        if (epsilonPerClass.dim() != 1 || epsilonPerClass.shape[0] != logits.shape[^1])
        {
            throw new ArgumentException($"Expected one ε per class ({logits.shape[^1]}); got shape [{string.Join(", ", epsilonPerClass.shape)}].", nameof(epsilonPerClass));
        }

        return Compute(logits, targets, convention, ignoreIndex, reduction,
            (_, safeTargets) => epsilonPerClass.to(logits.device).to(logits.dtype).gather(0, safeTargets));
    }

    /// <summary>The per-class ε of <see cref="Compute(Tensor, Tensor, Tensor, SmoothingConvention, long, LossReduction)"/>, checked here once.</summary>
    public static Tensor ClassEpsilons(System.Collections.Generic.IReadOnlyList<double> epsilonPerClass, Device device)
    {
        for (var c = 0; c < epsilonPerClass.Count; c++)
        {
            CheckEpsilon(epsilonPerClass[c], $"{nameof(epsilonPerClass)}[{c}]");
        }

        return tensor(System.Linq.Enumerable.ToArray(epsilonPerClass), device: device);
    }

    private static Tensor Compute(
        Tensor logits,
        Tensor targets,
        SmoothingConvention convention,
        long ignoreIndex,
        LossReduction reduction,
        Func<Tensor, Tensor, Tensor> epsilonPerPosition)
    {
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
        using var ignored = ignoreIndex.ToScalar();
        var kept = targets.ne(ignored);
        var safeTargets = where(kept, targets, zeros_like(targets));
        var trueClass = negativeLogProbs.gather(1, safeTargets.unsqueeze(1)).squeeze(1);
        var allClasses = negativeLogProbs.sum(dim: 1);
        var epsilon = epsilonPerPosition(trueClass, safeTargets);
        // (1 − ε)·ℓ_y + ε·(share of the rest) = ℓ_y + ε·(rest − ℓ_y), with rest = Σℓ/K (uniform) or (Σℓ − ℓ_y)/(K − 1).
        using var spread = ((double)(convention == SmoothingConvention.Uniform ? classes : classes - 1)).ToScalar();
        var rest = (convention == SmoothingConvention.Uniform ? allClasses : allClasses - trueClass).div(spread);
        var perPosition = trueClass.add(epsilon * (rest - trueClass), alpha: HeldScalars.One);
        perPosition = perPosition * kept.to(perPosition.dtype);

        var result = reduction switch
        {
            LossReduction.None => perPosition,
            LossReduction.Sum => perPosition.sum(),
            // Divide by the real count of kept positions (PyTorch #73205 miscounted them); all ignored gives 0, not NaN.
            _ => perPosition.sum() / kept.sum().clamp_min(HeldScalars.One).to(perPosition.dtype),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static void CheckEpsilon(double epsilon, string name)
    {
        if (epsilon is < 0 or >= 1 || double.IsNaN(epsilon))
        {
            throw new ArgumentOutOfRangeException(name, epsilon, "Label smoothing ε must lie in [0, 1).");
        }
    }

    /// <summary>The smoothed target distribution itself, shape (N, K): for soft-target losses (Mixup) and tests.</summary>
    public static Tensor Targets(Tensor targets, long classes, double epsilon, SmoothingConvention convention)
    {
        CheckEpsilon(epsilon, nameof(epsilon));
        using var scope = NewDisposeScope();
        using var value = epsilon.ToScalar();
        return Targets(targets, classes, full(targets.shape[0], value, dtype: float32, device: targets.device), convention).MoveToOuterDisposeScope();
    }

    /// <summary>Per-class smoothed targets: a row whose true class is c is smoothed with <paramref name="epsilonPerClass"/>[c].</summary>
    public static Tensor TargetsPerClass(Tensor targets, long classes, Tensor epsilonPerClass, SmoothingConvention convention)
    {
        using var scope = NewDisposeScope();
        var epsilon = epsilonPerClass.to(float32).to(targets.device).gather(0, targets);
        return Targets(targets, classes, epsilon, convention).MoveToOuterDisposeScope();
    }

    private static Tensor Targets(Tensor targets, long classes, Tensor epsilon, SmoothingConvention convention)
    {
        // Rows: every class gets the off-target share, then the true class is set to its own share:
        // uniform ε/K and 1 − ε + ε/K; off-target ε/(K − 1) and 1 − ε.
        using var spread = ((double)(convention == SmoothingConvention.Uniform ? classes : classes - 1)).ToScalar();
        using var one = 1.0.ToScalar();
        var share = epsilon.div(spread);
        var onTarget = (convention == SmoothingConvention.Uniform ? share - epsilon : epsilon.neg()).add_(one, alpha: HeldScalars.One);
        share = share.unsqueeze(1);
        onTarget = onTarget.unsqueeze(1);
        var distribution = share.expand(targets.shape[0], classes).clone();
        return distribution.scatter_(1, targets.unsqueeze(1), onTarget);
    }
}
