using RecipeDsl.Losses;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Losses;

public sealed class PerClassSmoothingTests
{
    private static Tensor Logits() => tensor(new float[] { 2.0f, 0.5f, -1.0f, 0.3f, 1.7f, 0.2f, -0.6f, 0.0f, 0.9f }, new long[] { 3, 3 });

    private static readonly double[] EpsilonPerClass = { 0.3, 0.0, 0.1 };

    [Theory]
    [InlineData(SmoothingConvention.Uniform)]
    [InlineData(SmoothingConvention.OffTarget)]
    public void Each_position_is_smoothed_with_the_epsilon_of_its_true_class(SmoothingConvention convention)
    {
        var labels = tensor(new long[] { 0, 1, 2 });

        var actual = SmoothedCrossEntropy.Compute(Logits(), labels, tensor(EpsilonPerClass), convention, reduction: LossReduction.None);

        // Row i alone, with its class's ε, through the scalar-ε loss (itself tested against the closed form).
        for (var i = 0; i < 3; i++)
        {
            var expected = SmoothedCrossEntropy.Compute(Logits()[i].unsqueeze(0), labels[i].unsqueeze(0), EpsilonPerClass[i], convention);
            TorchAssert.Close(expected.item<float>(), actual[i]);
        }
    }

    [Fact]
    public void Per_class_targets_follow_each_rows_class()
    {
        using var targets = SmoothedCrossEntropy.TargetsPerClass(tensor(new long[] { 0, 1 }), 3, tensor(EpsilonPerClass), SmoothingConvention.OffTarget);

        TorchAssert.AllClose(tensor(new float[] { 0.7f, 0.15f, 0.15f, 0f, 1f, 0f }, new long[] { 2, 3 }), targets);
    }

    [Fact]
    public void Equal_epsilons_per_class_equal_the_scalar_loss()
    {
        var labels = tensor(new long[] { 2, 0, 1 });

        TorchAssert.Close(
            SmoothedCrossEntropy.Compute(Logits(), labels, 0.2, SmoothingConvention.Uniform).item<float>(),
            SmoothedCrossEntropy.Compute(Logits(), labels, tensor(new[] { 0.2, 0.2, 0.2 }), SmoothingConvention.Uniform));
    }

    [Fact]
    public void An_epsilon_of_one_is_rejected()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => SmoothedCrossEntropy.ClassEpsilons(new[] { 0.1, 1.0, 0.1 }, CPU));
    }
}
