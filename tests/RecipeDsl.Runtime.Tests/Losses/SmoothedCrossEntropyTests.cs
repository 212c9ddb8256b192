using System;
using RecipeDsl.Losses;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Losses;

public sealed class SmoothedCrossEntropyTests
{
    // Fixed logits for three examples of four classes, and their true classes.
    private static Tensor Logits() => tensor(new float[] { 2.0f, 0.5f, -1.0f, 0.1f, 0.3f, 1.7f, 0.2f, -0.4f, -0.6f, 0.0f, 0.9f, 2.2f }, new long[] { 3, 4 });

    private static Tensor Labels() => tensor(new long[] { 0, 1, 3 });

    /// <summary>−Σ_k target_k · log softmax(logits)_k, averaged, from a target distribution written out by hand.</summary>
    private static double ManualLoss(Tensor logits, long[] labels, Func<long, long, double> target)
    {
        var logProbs = nn.functional.log_softmax(logits.to(float64), 1);
        var classes = logits.shape[1];
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            for (var k = 0; k < classes; k++)
            {
                total -= target(labels[i], k) * logProbs[i, k].item<double>();
            }
        }

        return total / labels.Length;
    }

    [Fact]
    public void Uniform_targets_are_one_minus_epsilon_plus_epsilon_over_K_and_epsilon_over_K()
    {
        using var targets = SmoothedCrossEntropy.Targets(tensor(new long[] { 2 }), 4, 0.2, SmoothingConvention.Uniform);

        TorchAssert.AllClose(tensor(new float[] { 0.05f, 0.05f, 0.85f, 0.05f }).unsqueeze(0), targets);
    }

    [Fact]
    public void Off_target_targets_are_one_minus_epsilon_and_epsilon_over_K_minus_one()
    {
        using var targets = SmoothedCrossEntropy.Targets(tensor(new long[] { 2 }), 4, 0.3, SmoothingConvention.OffTarget);

        TorchAssert.AllClose(tensor(new float[] { 0.1f, 0.1f, 0.7f, 0.1f }).unsqueeze(0), targets);
    }

    [Theory]
    [InlineData(SmoothingConvention.Uniform)]
    [InlineData(SmoothingConvention.OffTarget)]
    public void Targets_sum_to_one(SmoothingConvention convention)
    {
        using var targets = SmoothedCrossEntropy.Targets(tensor(new long[] { 0, 5, 9 }), 10, 0.1, convention);

        TorchAssert.AllClose(ones(3), targets.sum(1));
    }

    [Fact]
    public void Uniform_loss_matches_its_closed_form()
    {
        const double epsilon = 0.1;
        var expected = ManualLoss(Logits(), new long[] { 0, 1, 3 }, (y, k) => (k == y ? 1 - epsilon : 0) + epsilon / 4);

        TorchAssert.Close(expected, SmoothedCrossEntropy.Compute(Logits(), Labels(), epsilon, SmoothingConvention.Uniform));
    }

    [Fact]
    public void Off_target_loss_matches_the_seed_articles_LabelSmoothingLoss()
    {
        // The article's manual class: full_like(ε/(K−1)), then scatter 1−ε onto the true class.
        const double epsilon = 0.1;
        var expected = ManualLoss(Logits(), new long[] { 0, 1, 3 }, (y, k) => k == y ? 1 - epsilon : epsilon / 3);

        TorchAssert.Close(expected, SmoothedCrossEntropy.Compute(Logits(), Labels(), epsilon, SmoothingConvention.OffTarget));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.45)]
    public void Uniform_loss_equals_TorchSharps_built_in_label_smoothing(double epsilon)
    {
        var builtIn = nn.functional.cross_entropy(Logits(), Labels(), label_smoothing: epsilon);

        TorchAssert.Close(builtIn.item<float>(), SmoothedCrossEntropy.Compute(Logits(), Labels(), epsilon, SmoothingConvention.Uniform));
    }

    [Fact]
    public void The_two_conventions_give_different_losses_for_the_same_epsilon()
    {
        var uniform = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.1, SmoothingConvention.Uniform).item<float>();
        var offTarget = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.1, SmoothingConvention.OffTarget).item<float>();

        // The seed article claims they "should be identical"; they are not.
        Assert.True(Math.Abs(uniform - offTarget) > 1e-3, $"uniform {uniform}, off-target {offTarget}");
    }

    [Fact]
    public void Off_target_with_epsilon_equal_to_that_of_uniform_scaled_by_K_over_K_minus_one_agrees()
    {
        // Uniform ε puts ε/K on each wrong class; off-target ε' puts ε'/(K−1). They agree when ε' = ε(K−1)/K.
        var uniform = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.2, SmoothingConvention.Uniform).item<float>();
        var offTarget = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.2 * 3 / 4, SmoothingConvention.OffTarget).item<float>();

        TorchAssert.Close(uniform, offTarget);
    }

    [Theory]
    [InlineData(SmoothingConvention.Uniform)]
    [InlineData(SmoothingConvention.OffTarget)]
    public void Zero_epsilon_is_plain_cross_entropy(SmoothingConvention convention)
    {
        TorchAssert.Close(nn.functional.cross_entropy(Logits(), Labels()).item<float>(), SmoothedCrossEntropy.Compute(Logits(), Labels(), 0, convention));
    }

    [Theory]
    [InlineData(SmoothingConvention.Uniform)]
    [InlineData(SmoothingConvention.OffTarget)]
    public void Ignored_positions_contribute_nothing_and_are_not_counted(SmoothingConvention convention)
    {
        var withIgnored = tensor(new long[] { 0, -100, 3 });
        var kept = Logits().index_select(0, tensor(new long[] { 0, 2 }));

        var expected = SmoothedCrossEntropy.Compute(kept, tensor(new long[] { 0, 3 }), 0.1, convention);
        var actual = SmoothedCrossEntropy.Compute(Logits(), withIgnored, 0.1, convention);

        TorchAssert.Close(expected.item<float>(), actual);
        var perPosition = SmoothedCrossEntropy.Compute(Logits(), withIgnored, 0.1, convention, reduction: LossReduction.None);
        TorchAssert.Close(0, perPosition[1]);
    }

    [Fact]
    public void Ignore_index_matches_TorchSharps_built_in_for_the_uniform_convention()
    {
        var withIgnored = tensor(new long[] { 0, -100, 3 });
        var builtIn = nn.functional.cross_entropy(Logits(), withIgnored, ignore_index: -100, label_smoothing: 0.1);

        TorchAssert.Close(builtIn.item<float>(), SmoothedCrossEntropy.Compute(Logits(), withIgnored, 0.1, SmoothingConvention.Uniform));
    }

    [Fact]
    public void Sum_is_mean_times_the_kept_count()
    {
        var mean = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.1, SmoothingConvention.OffTarget).item<float>();
        var sum = SmoothedCrossEntropy.Compute(Logits(), Labels(), 0.1, SmoothingConvention.OffTarget, reduction: LossReduction.Sum);

        TorchAssert.Close(mean * 3, sum);
    }

    [Fact]
    public void All_positions_ignored_gives_zero_not_NaN()
    {
        TorchAssert.Close(0, SmoothedCrossEntropy.Compute(Logits(), full(3, -100L), 0.1, SmoothingConvention.Uniform));
    }

    [Fact]
    public void Gradients_flow_to_the_logits()
    {
        var logits = Logits().requires_grad_();
        SmoothedCrossEntropy.Compute(logits, Labels(), 0.1, SmoothingConvention.OffTarget).backward();

        Assert.NotNull(logits.grad);
        // Each row of the gradient of a softmax cross-entropy sums to zero.
        TorchAssert.AllClose(zeros(3), logits.grad!.sum(1));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Epsilon_outside_zero_to_one_is_rejected(double epsilon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SmoothedCrossEntropy.Compute(Logits(), Labels(), epsilon, SmoothingConvention.Uniform));
    }
}
