using System.Collections.Generic;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

/// <summary>
/// The epoch's means are read a block of batches at a time: small logits are kept and scored together, large ones
/// reduced per batch; across several blocks and with both kinds mixed they equal the plain weighted means.
/// </summary>
public sealed class EpochTotalsTests
{
    [Fact]
    public void Means_over_several_blocks_of_kept_and_reduced_batches_equal_the_weighted_means()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        using var totals = new EpochTotals("Recipe", 1);
        double lossSum = 0, confidenceSum = 0, count = 0;
        var batches = new List<(long Examples, long Classes)>();
        for (var i = 0; i < 2500; i++)
        {
            // Every 500th batch has logits too large to keep (2 × 9,000 values); the last batch is smaller.
            batches.Add(i % 500 == 7 ? (2, 9000) : (i == 2499 ? 3 : 4, 10));
        }

        foreach (var (examples, classes) in batches)
        {
            using var batchScope = NewDisposeScope();
            var logits = randn(examples, classes, generator: generator).mul(3);
            var loss = rand(1, generator: generator)[0];
            totals.Add(loss, logits);
            lossSum += loss.item<float>() * examples;
            confidenceSum += nn.functional.softmax(logits.to(float64), 1).amax(1).sum().item<double>();
            count += examples;
        }

        var (meanLoss, meanConfidence) = totals.Means();

        TorchAssert.Close(lossSum / count, meanLoss, 1e-9);
        TorchAssert.Close(confidenceSum / count, meanConfidence, 1e-6);
    }

    [Fact]
    public void An_epoch_of_examples_refuses_a_batch_of_tokens()
    {
        using var scope = NewDisposeScope();
        using var totals = new EpochTotals("Recipe", 1);
        totals.Add(tensor(1.0f), zeros(2, 3));

        Assert.Throws<System.InvalidOperationException>(() => totals.AddTokens(tensor(1.0f), zeros(4, 3), zeros(4, dtype: int64), -100));
    }
}
