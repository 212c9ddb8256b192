using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Datasets;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

public sealed class EmbeddedDigitsTests
{
    [Fact]
    public void The_embedded_digits_are_ten_thousand_28_by_28_images_of_ten_classes()
    {
        var digits = MnistDigits.Load();

        Assert.Equal(10_000, digits.Count);
        Assert.Equal((28, 28, 10), (digits.Rows, digits.Cols, digits.Classes));
        Assert.Equal(10_000 * 28 * 28, digits.Pixels.Length);
        var perClass = digits.Labels.GroupBy(label => label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), perClass.Keys.OrderBy(k => k));
        Assert.All(perClass.Values, count => Assert.InRange(count, 800, 1200));
        Assert.Equal(255, digits.Pixels.Max());
        Assert.Equal(0, digits.Pixels.Min());
    }

    [Fact]
    public void The_split_is_fixed_disjoint_and_complete()
    {
        var split = MnistDigits.Split(0.1);

        Assert.Equal((7200, 800, 2000), (split.Train.Length, split.Validation.Length, split.Test.Length));
        Assert.Equal(Enumerable.Range(0, 10_000), split.Train.Concat(split.Validation).Concat(split.Test).OrderBy(i => i));
        Assert.Equal(split.Train, MnistDigits.Split(0.1).Train);
        // The test images do not move when a recipe asks for another validation share.
        Assert.Equal(split.Test, MnistDigits.Split(0.25).Test);
    }

    [Fact]
    public void The_split_mixes_the_classes()
    {
        var labels = MnistDigits.Load().Labels;

        var firstHundredTrainClasses = MnistDigits.Split(0.1).Train.Take(100).Select(i => labels[i]).Distinct().Count();

        Assert.Equal(10, firstHundredTrainClasses);
    }

    [Fact]
    public void Digits_are_stored_as_bytes_and_prepared_as_normalised_floats()
    {
        var digits = new DataDescription("Digits", DataSource.Mnist, null, new[] { 1, 28, 28 }, 10)
        {
            Normalization = InputNormalization.Fixed(new[] { 0.1307 }, new[] { 0.3081 }),
        };
        using var data = ClassificationData.Load(digits, CPU, new RecipeDsl.Training.TrainingOptions { MaxTrainSamples = 100 });

        Assert.Equal(new long[] { 100, 1, 28, 28 }, data.TrainInputs.shape);
        Assert.Equal(new long[] { 800 }, data.ValidationLabels.shape);
        Assert.Equal(ScalarType.Int64, data.TrainLabels.dtype);
        Assert.Equal(ScalarType.Byte, data.TestInputs.dtype);
        using var prepared = data.Prepare(data.TrainInputs);
        Assert.Equal(ScalarType.Float32, prepared.dtype);
        // Background pixels are (0 − mean) / std, ink (255 / 255 − mean) / std.
        TorchAssert.Close(-0.1307 / 0.3081, prepared.min(), 1e-5);
        TorchAssert.Close((1 - 0.1307) / 0.3081, prepared.max(), 1e-5);
    }
}
