using System;
using static TorchSharp.torch;

namespace RecipeDsl.Metrics;

/// <summary>Calibration errors over equal-width confidence bins (Guo et al. 2017).</summary>
public static class CalibrationError
{
    /// <summary>
    /// Bins are (0, 1/B], (1/B, 2/B], …, ((B−1)/B, 1]; a confidence of exactly 1 lands in the last bin, never in a
    /// phantom extra one (torchmetrics #3510), and 0 in the first.
    /// </summary>
    /// <param name="confidence">Top-label probability per example, shape (N).</param>
    /// <param name="correct">Whether the top label is right, shape (N), bool.</param>
    public static (double Ece, double Mce) Compute(Tensor confidence, Tensor correct, int bins)
    {
        if (bins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "At least one bin is needed.");
        }

        using var scope = NewDisposeScope();
        var conf = confidence.to(float64).cpu();
        var hits = correct.to(float64).cpu();
        var bin = (conf * bins).ceil().to(int64).sub(1).clamp(0, bins - 1);
        var counts = zeros(bins, dtype: float64).index_add_(0, bin, ones_like(conf), 1);
        var confidenceSums = zeros(bins, dtype: float64).index_add_(0, bin, conf, 1);
        var hitSums = zeros(bins, dtype: float64).index_add_(0, bin, hits, 1);

        var total = (double)confidence.shape[0];
        double ece = 0, mce = 0;
        for (var b = 0; b < bins; b++)
        {
            var n = counts[b].item<double>();
            if (n == 0)
            {
                continue;
            }

            var gap = Math.Abs(hitSums[b].item<double>() - confidenceSums[b].item<double>()) / n;
            ece += n / total * gap;
            mce = Math.Max(mce, gap);
        }

        return (ece, mce);
    }
}
