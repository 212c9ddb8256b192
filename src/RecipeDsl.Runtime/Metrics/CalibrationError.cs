using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Metrics;

/// <summary>One equal-width confidence bin of a reliability diagram.</summary>
/// <param name="Lower">The bin is (Lower, Upper]; the first also holds a confidence of exactly 0.</param>
/// <param name="MeanConfidence">Mean top-label probability of its examples (0 when empty).</param>
/// <param name="Accuracy">Share of its examples whose top label is right (0 when empty).</param>
public readonly record struct ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>Calibration errors over equal-width confidence bins (Guo et al. 2017).</summary>
public static class CalibrationError
{
    /// <summary>
    /// Bins are (0, 1/B], (1/B, 2/B], …, ((B−1)/B, 1]; a confidence of exactly 1 lands in the last bin, never in a
    /// phantom extra one (torchmetrics #3510), and 0 in the first.
    /// </summary>
    /// <param name="confidence">Top-label probability per example, shape (N).</param>
    /// <param name="correct">Whether the top label is right, shape (N): bool, or 0/1 as numbers.</param>
    public static IReadOnlyList<ReliabilityBin> Bins(Tensor confidence, Tensor correct, int bins)
    {
        if (bins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "At least one bin is needed.");
        }

        using var scope = NewDisposeScope();
        var conf = confidence.to(float64).cpu();
        var hits = correct.to(float64).cpu();
        using var binCount = ((double)bins).ToScalar();
        using var one = 1L.ToScalar();
        using var first = 0L.ToScalar();
        using var last = ((long)bins - 1).ToScalar();
        var bin = conf.mul(binCount).ceil().to(int64).sub(one).clamp(first, last);
        var counts = zeros(bins, dtype: float64).index_add_(0, bin, ones_like(conf), one).data<double>().ToArray();
        var confidenceSums = zeros(bins, dtype: float64).index_add_(0, bin, conf, one).data<double>().ToArray();
        var hitSums = zeros(bins, dtype: float64).index_add_(0, bin, hits, one).data<double>().ToArray();
        return Enumerable.Range(0, bins)
            .Select(b => new ReliabilityBin(
                (double)b / bins,
                (double)(b + 1) / bins,
                (int)counts[b],
                counts[b] > 0 ? confidenceSums[b] / counts[b] : 0,
                counts[b] > 0 ? hitSums[b] / counts[b] : 0))
            .ToArray();
    }

    /// <summary>ECE (gaps weighted by bin size) and MCE (largest gap of a non-empty bin) of <paramref name="bins"/>.</summary>
    public static (double Ece, double Mce) Compute(IReadOnlyList<ReliabilityBin> bins)
    {
        var total = (double)bins.Sum(b => b.Count);
        double ece = 0, mce = 0;
        foreach (var bin in bins.Where(b => b.Count > 0))
        {
            var gap = Math.Abs(bin.Accuracy - bin.MeanConfidence);
            ece += bin.Count / total * gap;
            mce = Math.Max(mce, gap);
        }

        return (ece, mce);
    }

    public static (double Ece, double Mce) Compute(Tensor confidence, Tensor correct, int bins) => Compute(Bins(confidence, correct, bins));
}
