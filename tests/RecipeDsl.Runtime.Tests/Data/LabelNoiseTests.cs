using RecipeDsl.Data;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

public sealed class LabelNoiseTests
{
    [Fact]
    public void About_the_rate_of_labels_change_and_each_changes_to_another_class()
    {
        var labels = arange(10_000, dtype: int64).remainder(10);

        var noisy = LabelNoise.Corrupt(labels, 0.3, 10, seed: 9);

        var changed = noisy.ne(labels).to(float64).mean().item<double>();
        TorchAssert.Close(0.3, changed, 0.02);
        Assert.True(noisy.ge(0).all().item<bool>() && noisy.lt(10).all().item<bool>());
        // Wrong labels are spread over all other classes.
        var wrongClasses = noisy.masked_select(noisy.ne(labels)).unique().output.shape[0];
        Assert.Equal(10, wrongClasses);
    }

    [Fact]
    public void The_same_seed_corrupts_the_same_labels()
    {
        var labels = arange(1000, dtype: int64).remainder(10);

        Assert.True(LabelNoise.Corrupt(labels, 0.2, 10, 4).eq(LabelNoise.Corrupt(labels, 0.2, 10, 4)).all().item<bool>());
        Assert.False(LabelNoise.Corrupt(labels, 0.2, 10, 4).eq(LabelNoise.Corrupt(labels, 0.2, 10, 5)).all().item<bool>());
    }

    [Fact]
    public void Only_training_labels_are_corrupted()
    {
        var digits = new DataDescription("Digits", DataSource.Mnist, null, new[] { 1, 28, 28 }, 10);
        using var clean = ClassificationData.Load(digits, CPU);
        using var noisy = ClassificationData.Load(digits with { LabelNoise = 0.4, NoiseSeed = 1 }, CPU);

        TorchAssert.Close(0.4, noisy.TrainLabels.ne(clean.TrainLabels).to(float64).mean().item<double>(), 0.03);
        Assert.True(noisy.ValidationLabels.eq(clean.ValidationLabels).all().item<bool>());
        Assert.True(noisy.TestLabels.eq(clean.TestLabels).all().item<bool>());
    }
}
