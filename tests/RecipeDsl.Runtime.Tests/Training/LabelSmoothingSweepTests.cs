using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Metrics;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class LabelSmoothingSweepTests
{
    private static TrainingResult ResultWith(double accuracy, double nll, double ece)
    {
        var metrics = new ClassificationMetrics(100, accuracy, nll, ece, ece, 0.9);
        return new TrainingResult("R", "cpu", 100, new[] { new EpochMetrics("R", 1, 0.5, 0.9, metrics, default) }, metrics);
    }

    [Fact]
    public void Every_candidate_starts_from_the_same_initial_weights()
    {
        var initialWeights = new List<float[]>();

        // Each call of createModel gives different random weights; the sweep must overwrite them with one shared set.
        LabelSmoothingSweep.Run("R", new[] { 0.0, 0.1, 0.2 }, ValidationMetric.Accuracy, () => nn.Linear(4, 3), (model, epsilon) =>
        {
            initialWeights.Add(model.weight!.data<float>().ToArray());
            using (no_grad())
            {
                model.weight!.add_(1.0); // "training" changes the weights; the next candidate must not see it
            }

            return ResultWith(0.5, 1, 0.1);
        });

        Assert.Equal(3, initialWeights.Count);
        Assert.Equal(initialWeights[0], initialWeights[1]);
        Assert.Equal(initialWeights[0], initialWeights[2]);
    }

    [Theory]
    [InlineData(ValidationMetric.Accuracy, 0.1)]
    [InlineData(ValidationMetric.Nll, 0.2)]
    [InlineData(ValidationMetric.Ece, 0.0)]
    public void The_best_candidate_is_named_by_the_chosen_metric(ValidationMetric metric, double best)
    {
        var results = new Dictionary<double, TrainingResult>
        {
            [0.0] = ResultWith(0.90, 0.40, 0.01),
            [0.1] = ResultWith(0.95, 0.35, 0.05),
            [0.2] = ResultWith(0.93, 0.30, 0.09),
        };

        var sweep = LabelSmoothingSweep.Run("R", results.Keys.ToArray(), metric, () => nn.Linear(2, 2), (_, epsilon) => results[epsilon]);

        Assert.Equal(best, sweep.Best.LabelSmoothing);
        Assert.Equal(new[] { 0.0, 0.1, 0.2 }, sweep.Candidates.Select(c => c.LabelSmoothing));
        Assert.Empty(sweep.Diverged);
    }

    [Theory]
    [InlineData(ValidationMetric.Accuracy)]
    [InlineData(ValidationMetric.Nll)]
    [InlineData(ValidationMetric.Ece)]
    public void A_diverged_or_non_finite_candidate_is_never_best_and_is_named(ValidationMetric metric)
    {
        var sweep = LabelSmoothingSweep.Run("R", new[] { 0.0, 0.1, 0.2, 0.3 }, metric, () => nn.Linear(2, 2), (_, epsilon) => epsilon switch
        {
            0.0 => throw new NonFiniteLossException("R", 1, 7, 10),
            0.1 => ResultWith(double.NaN, double.NaN, double.NaN),
            0.2 => ResultWith(0.5, double.PositiveInfinity, double.NaN),
            _ => ResultWith(0.2, 2.0, 0.3),
        });

        Assert.Equal(metric == ValidationMetric.Accuracy ? 0.2 : 0.3, sweep.Best.LabelSmoothing);
        var ranked = metric == ValidationMetric.Accuracy ? new[] { 0.2, 0.3 } : new[] { 0.3 };
        Assert.Equal(ranked, sweep.Candidates.Select(c => c.LabelSmoothing));
        Assert.Equal(new[] { 0.0, 0.1, 0.2, 0.3 }.Except(ranked), sweep.Diverged.Select(d => d.LabelSmoothing));
        Assert.Equal("the training loss became NaN or infinite in epoch 1, batch 7", sweep.Diverged[0].Reason);
    }

    [Fact]
    public void A_sweep_whose_every_candidate_diverged_says_so()
    {
        var stopped = Assert.Throws<SweepDivergedException>(() => LabelSmoothingSweep.Run("R", new[] { 0.0, 0.1 }, ValidationMetric.Accuracy, () => nn.Linear(2, 2),
            (_, epsilon) => epsilon == 0.0 ? throw new NonFiniteLossException("R", 2, 1, 10) : ResultWith(double.NaN, 1, 1)));

        Assert.Equal("R: every candidate of the sweep diverged (ε = 0: the training loss became NaN or infinite in epoch 2, batch 1; ε = 0.1: validation accuracy is NaN).", stopped.Message);
    }
}
