using System;
using RecipeDsl.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Calibration;

/// <summary>What temperature scaling found, and the metrics on the held-out test split before and after it.</summary>
public sealed record TemperatureScalingResult(double Temperature, ClassificationMetrics Before, ClassificationMetrics After);

/// <summary>
/// Temperature scaling (Guo et al. 2017): one T > 0 divides every logit, fitted on held-out data by minimising NLL.
/// T is searched as log T (so it stays positive) by golden-section search, which needs no learning rate and cannot
/// explode; the NLL of logits/T is unimodal in log T. Dividing by T never changes the argmax, so accuracy is kept.
/// </summary>
public static class TemperatureScaling
{
    public const double MinTemperature = 0.05;
    public const double MaxTemperature = 20.0;

    /// <param name="logits">Held-out logits (N, K), computed in eval mode without gradients.</param>
    public static double Fit(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits64 = logits.detach().to(float64).cpu();
        var labels64 = labels.cpu();
        double Nll(double logT)
        {
            // Each step's scaled copy is freed at once: 80 steps over a language model's validation tokens would otherwise
            // hold 80 float64 copies of its logits until the search ends.
            using var temperature = Math.Exp(logT).ToScalar();
            using var scaled = logits64.div(temperature);
            using var loss = nn.functional.cross_entropy(scaled, labels64);
            return loss.item<double>();
        }

        double low = Math.Log(MinTemperature), high = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - ratio * (high - low), b = low + ratio * (high - low);
        double fa = Nll(a), fb = Nll(b);
        for (var i = 0; i < 80 && high - low > 1e-9; i++)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - ratio * (high - low);
                fa = Nll(a);
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + ratio * (high - low);
                fb = Nll(b);
            }
        }

        return Math.Exp((low + high) / 2);
    }

    /// <summary>Fits T on the validation logits and scores the test logits before and after dividing by it.</summary>
    public static TemperatureScalingResult FitAndEvaluate(Tensor validationLogits, Tensor validationLabels, Tensor testLogits, Tensor testLabels, int bins)
    {
        var temperature = Fit(validationLogits, validationLabels);
        using var t = temperature.ToScalar();
        using var scaled = testLogits.div(t);
        return new TemperatureScalingResult(
            temperature,
            ClassificationMetrics.FromLogits(testLogits, testLabels, bins),
            ClassificationMetrics.FromLogits(scaled, testLabels, bins));
    }
}
