using RecipeDsl.Calibration;
using RecipeDsl.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Calibration;

public sealed class TemperatureScalingTests
{
    /// <summary>
    /// An overconfident classifier: logits are 6× those of a calibrated one, whose labels are drawn from its own softmax.
    /// </summary>
    private static (Tensor Logits, Tensor Labels) Overconfident(int count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var calibrated = randn(count, 5, generator: generator) * 1.5;
        var labels = multinomial(softmax(calibrated, 1), 1, generator: generator).squeeze(1);
        return (calibrated * 6, labels);
    }

    [Fact]
    public void Fitting_finds_the_temperature_that_undoes_the_overconfidence()
    {
        var (logits, labels) = Overconfident(20_000, seed: 1);

        var temperature = TemperatureScaling.Fit(logits, labels);

        Assert.InRange(temperature, 5.5, 6.5);
    }

    [Fact]
    public void Scaling_lowers_NLL_and_ECE_and_leaves_accuracy_and_argmax_unchanged()
    {
        var (validationLogits, validationLabels) = Overconfident(5000, seed: 2);
        var (testLogits, testLabels) = Overconfident(5000, seed: 3);

        var result = TemperatureScaling.FitAndEvaluate(validationLogits, validationLabels, testLogits, testLabels, bins: 15);

        Assert.True(result.After.Nll < result.Before.Nll, $"NLL {result.Before.Nll:F3} → {result.After.Nll:F3}");
        Assert.True(result.After.Ece < result.Before.Ece / 2, $"ECE {result.Before.Ece:F3} → {result.After.Ece:F3}");
        Assert.Equal(result.Before.Accuracy, result.After.Accuracy);
        Assert.True((testLogits / result.Temperature).argmax(1).eq(testLogits.argmax(1)).all().item<bool>());
    }

    [Fact]
    public void A_calibrated_classifier_keeps_a_temperature_near_one()
    {
        var (logits, labels) = Overconfident(20_000, seed: 4);

        Assert.InRange(TemperatureScaling.Fit(logits / 6, labels), 0.9, 1.1);
    }
}
