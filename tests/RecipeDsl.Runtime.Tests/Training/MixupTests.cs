using System.Linq;
using RecipeDsl.Losses;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class MixupTests
{
    [Fact]
    public void Mixed_targets_are_distributions_and_lambda_mixes_inputs_and_targets_alike()
    {
        var inputs = arange(0, 7 * 4, dtype: float32).reshape(7, 4); // an odd batch
        var labels = tensor(new long[] { 0, 1, 2, 3, 4, 0, 1 });
        using var targets = SmoothedCrossEntropy.Targets(labels, 5, 0.1, SmoothingConvention.Uniform);
        var mixup = new Mixup(alpha: 0.4, probability: 1.0, seed: 11);

        var (mixedInputs, mixedTargets, lambda) = mixup.Apply(inputs, targets);

        Assert.InRange(lambda, 0.0, 1.0);
        TorchAssert.AllClose(ones(7), mixedTargets.sum(1));
        // Each mixed row is λ·row + (1−λ)·partner for one partner j, the same j for inputs and targets.
        for (var i = 0; i < 7; i++)
        {
            var partner = Enumerable.Range(0, 7).Single(j =>
                (mixedInputs[i] - (inputs[i] * lambda + inputs[j] * (1 - lambda))).abs().max().item<float>() < 1e-4);
            TorchAssert.AllClose(targets[i] * lambda + targets[partner] * (1 - lambda), mixedTargets[i]);
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_lambdas()
    {
        var inputs = randn(8, 3);
        var targets = softmax(randn(8, 5), 1);
        var first = new Mixup(0.2, 1.0, seed: 5);
        var second = new Mixup(0.2, 1.0, seed: 5);

        for (var batch = 0; batch < 5; batch++)
        {
            Assert.Equal(first.Apply(inputs, targets).Lambda, second.Apply(inputs, targets).Lambda);
        }
    }

    [Fact]
    public void Beta_samples_have_the_right_mean_and_spread()
    {
        // Beta(α, α) has mean 1/2 and variance 1/(4(2α+1)); for α = 0.2 that is 0.1786.
        var sampler = new BetaSampler(seed: 1);
        var samples = Enumerable.Range(0, 20_000).Select(_ => sampler.NextBeta(0.2, 0.2)).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(x => (x - mean) * (x - mean)).Average();

        TorchAssert.Close(0.5, mean, 0.01);
        TorchAssert.Close(1 / (4 * 1.4), variance, 0.01);
        Assert.All(samples, x => Assert.InRange(x, 0.0, 1.0));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.05)]
    public void Beta_samples_of_a_tiny_alpha_are_numbers_in_the_unit_interval_with_the_right_moments(double alpha)
    {
        // U^(1/α) underflows to 0 for α below about 0.05, and both Gamma draws with it: 0 / 0 was NaN.
        var sampler = new BetaSampler(seed: 7);
        var samples = Enumerable.Range(0, 1_000_000).Select(_ => sampler.NextBeta(alpha, alpha)).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(x => (x - mean) * (x - mean)).Average();

        Assert.All(samples, x => Assert.InRange(x, 0.0, 1.0));
        TorchAssert.Close(0.5, mean, 0.005);
        TorchAssert.Close(1 / (4 * (2 * alpha + 1)), variance, 0.005);
    }

    [Fact]
    public void A_probability_below_one_leaves_some_batches_unmixed()
    {
        var inputs = randn(4, 3);
        var targets = softmax(randn(4, 5), 1);
        var mixup = new Mixup(0.2, 0.5, seed: 3);

        var lambdas = Enumerable.Range(0, 200).Select(_ => mixup.Apply(inputs, targets).Lambda).ToArray();

        Assert.InRange(lambdas.Count(l => l == 1.0), 60, 140);
        Assert.Contains(lambdas, l => l < 1.0);
    }
}
