using System.IO;
using System.Linq;
using RecipeDsl.Metrics;
using RecipeDsl.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class EarlyStoppingTests
{
    private static ClassificationMetrics Validation(double accuracy, double nll) => new(100, accuracy, nll, 0.05, 0.1, 0.9);

    private static float Weight(nn.Module<Tensor, Tensor> model) => model.parameters().First()[0, 0].item<float>();

    private static void SetWeight(nn.Module<Tensor, Tensor> model, float value)
    {
        using var noGrad = no_grad();
        using var scalar = value.ToScalar();
        model.parameters().First()[0, 0].fill_(scalar);
    }

    [Fact]
    public void It_stops_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        using var model = nn.Linear(2, 2);
        using var stopping = new EarlyStopping(model, ValidationMetric.Nll, patience: 2, minDelta: 0.01);
        var nll = new[] { 0.9, 0.5, 0.495, 0.6 };
        for (var epoch = 1; epoch <= nll.Length && !stopping.Stopped; epoch++)
        {
            SetWeight(model, epoch);
            stopping.Observe(epoch, Validation(0.5, nll[epoch - 1]));
        }

        // 0.495 improves on 0.5 by less than min_delta: epochs 3 and 4 count as no improvement.
        Assert.True(stopping.Stopped);
        var result = stopping.RestoreBest(epochs: 10);
        Assert.Equal((2, 4, 0.5, true), (result.BestEpoch, result.LastEpoch, result.BestValue, result.Stopped));
        Assert.Equal(2f, Weight(model));
        Assert.Contains("restored the weights of epoch 2", result.Describe("R"));
    }

    [Fact]
    public void Accuracy_counts_upwards_and_a_non_finite_epoch_is_never_best()
    {
        using var model = nn.Linear(2, 2);
        using var stopping = new EarlyStopping(model, ValidationMetric.Accuracy, patience: 5, minDelta: 0);
        SetWeight(model, 1);
        stopping.Observe(1, Validation(0.7, 1));
        SetWeight(model, 2);
        stopping.Observe(2, Validation(double.NaN, 1));
        SetWeight(model, 3);
        stopping.Observe(3, Validation(0.8, 1));

        var result = stopping.RestoreBest(epochs: 3);

        Assert.Equal((3, false), (result.BestEpoch, result.Stopped));
        Assert.Equal(3f, Weight(model));
        Assert.Contains("its last epoch was the best", result.Describe("R"));
    }

    [Fact]
    public void Without_a_finite_epoch_the_last_weights_stay_and_the_run_says_so()
    {
        using var model = nn.Linear(2, 2);
        using var stopping = new EarlyStopping(model, ValidationMetric.Nll, patience: 1, minDelta: 0);
        stopping.Observe(1, Validation(0.1, double.NaN));
        stopping.Observe(2, Validation(0.1, double.NaN));

        var result = stopping.RestoreBest(epochs: 5);

        Assert.Equal((0, 2, true), (result.BestEpoch, result.LastEpoch, result.Stopped));
        Assert.Equal("R: stopped early after epoch 2; no epoch had a finite validation nll, so the last epoch's weights are kept", result.Describe("R"));
    }

    [Fact]
    public void Its_checkpoint_part_carries_the_best_weights_and_the_count()
    {
        using var stream = new MemoryStream();
        using (var model = nn.Linear(2, 2))
        using (var stopping = new EarlyStopping(model, ValidationMetric.Nll, patience: 2, minDelta: 0))
        {
            SetWeight(model, 7);
            stopping.Observe(1, Validation(0.5, 0.3));
            SetWeight(model, 8);
            stopping.Observe(2, Validation(0.5, 0.4));
            stopping.Save(new BinaryWriter(stream));
        }

        stream.Position = 0;
        using var resumedModel = nn.Linear(2, 2);
        using var resumed = new EarlyStopping(resumedModel, ValidationMetric.Nll, patience: 2, minDelta: 0);
        resumed.Restore(new BinaryReader(stream));
        SetWeight(resumedModel, 9);
        resumed.Observe(3, Validation(0.5, 0.35));

        Assert.True(resumed.Stopped);
        var result = resumed.RestoreBest(epochs: 3);
        Assert.Equal((1, false), (result.BestEpoch, result.Stopped));
        Assert.Contains("trained all 3 epochs; restored the weights of epoch 1", result.Describe("R"));
        Assert.Equal(7f, Weight(resumedModel));
    }
}
