using System;
using RecipeDsl.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Metrics;

public sealed class CalibrationErrorTests
{
    [Fact]
    public void ECE_and_MCE_match_a_hand_computed_case()
    {
        // Bins of width 0.1: (0.9, 1] holds 0.95 ✓ and 0.95 ✗ (gap |0.5 − 0.95| = 0.45),
        // (0.5, 0.6] holds 0.55 ✓ (gap 0.45), (0.2, 0.3] holds 0.25 ✗ (gap 0.25).
        // ECE = 2/4·0.45 + 1/4·0.45 + 1/4·0.25 = 0.4; MCE = 0.45.
        var (ece, mce) = CalibrationError.Compute(tensor(new[] { 0.95, 0.95, 0.55, 0.25 }), tensor(new[] { true, false, true, false }), bins: 10);

        TorchAssert.Close(0.4, ece, 1e-12);
        TorchAssert.Close(0.45, mce, 1e-12);
    }

    [Fact]
    public void A_confidence_of_exactly_one_falls_in_the_last_bin()
    {
        // torchmetrics #3510 put 1.0 into a phantom 16th bin; here it shares the last bin with 0.98.
        var (ece, mce) = CalibrationError.Compute(tensor(new[] { 1.0, 0.98 }), tensor(new[] { true, true }), bins: 15);

        TorchAssert.Close(0.01, ece, 1e-12); // one bin: accuracy 1, mean confidence 0.99
        TorchAssert.Close(0.01, mce, 1e-12);
    }

    [Fact]
    public void A_confidence_of_zero_falls_in_the_first_bin()
    {
        var (ece, _) = CalibrationError.Compute(tensor(new[] { 0.0 }), tensor(new[] { false }), bins: 15);

        TorchAssert.Close(0, ece, 1e-12);
    }

    [Fact]
    public void Perfectly_calibrated_predictions_have_zero_error()
    {
        var (ece, mce) = CalibrationError.Compute(tensor(new[] { 0.75, 0.75, 0.75, 0.75 }), tensor(new[] { true, true, true, false }), bins: 15);

        TorchAssert.Close(0, ece, 1e-12);
        TorchAssert.Close(0, mce, 1e-12);
    }

    [Fact]
    public void At_least_one_bin_is_needed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationError.Compute(tensor(new[] { 0.5 }), tensor(new[] { true }), bins: 0));
    }

    [Fact]
    public void Metrics_from_logits_match_a_hand_computed_case()
    {
        // Probabilities (0.8, 0.2) with label 0 (right, confidence 0.8) and (0.4, 0.6) with label 0 (wrong, confidence 0.6).
        var logits = tensor(new[] { Math.Log(0.8), Math.Log(0.2), Math.Log(0.4), Math.Log(0.6) }, new long[] { 2, 2 });

        var metrics = ClassificationMetrics.FromLogits(logits, tensor(new long[] { 0, 0 }));

        Assert.Equal(2, metrics.Count);
        TorchAssert.Close(0.5, metrics.Accuracy, 1e-12);
        TorchAssert.Close(-(Math.Log(0.8) + Math.Log(0.4)) / 2, metrics.Nll, 1e-12);
        TorchAssert.Close(0.7, metrics.MeanConfidence, 1e-12);
        TorchAssert.Close(0.5 * 0.2 + 0.5 * 0.6, metrics.Ece, 1e-12);
        TorchAssert.Close(0.6, metrics.Mce, 1e-12);
    }
}
