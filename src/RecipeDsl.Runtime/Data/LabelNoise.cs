using System;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>Symmetric label noise for studying where label smoothing stops helping.</summary>
public static class LabelNoise
{
    /// <summary>
    /// Replaces each label, with probability <paramref name="rate"/>, by one of the other classes chosen uniformly
    /// (so <paramref name="rate"/> is the share of wrong labels). Seeded: the same labels are corrupted every run.
    /// </summary>
    public static Tensor Corrupt(Tensor labels, double rate, int classes, int seed)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The label noise rate must lie in [0, 1).");
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var cpuLabels = labels.cpu();
        using var threshold = rate.ToScalar();
        using var modulus = ((long)classes).ToScalar();
        var corrupt = rand(cpuLabels.shape[0], generator: generator).lt(threshold);
        var offset = randint(1, classes, cpuLabels.shape, generator: generator);
        var noisy = where(corrupt, cpuLabels.add(offset, alpha: HeldScalars.One).remainder(modulus), cpuLabels);
        return noisy.to(labels.device).MoveToOuterDisposeScope();
    }
}
