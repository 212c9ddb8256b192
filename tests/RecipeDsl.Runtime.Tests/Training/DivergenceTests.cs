using System;
using System.Collections.Generic;
using System.IO;
using RecipeDsl.Recipes;
using RecipeDsl.Runtime.Tests.Models;
using RecipeDsl.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

/// <summary>A loss that becomes NaN or infinite stops the run, says where, and leaves the last good epoch behind.</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void A_nan_loss_stops_training_naming_recipe_epoch_and_batch_and_keeps_the_last_good_checkpoint()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"recipedsl-divergence-{Guid.NewGuid():N}");
        try
        {
            var epochs = new List<int>();
            var options = new TrainingOptions { MaxTrainSamples = 300, CheckpointDirectory = folder, OnEpoch = epoch => epochs.Add(epoch.Epoch) };

            var stopped = Assert.Throws<NonFiniteLossException>(() => new SmokePoisonedTrainer().Train(options));

            Assert.Equal(("SmokePoisoned", 2, 2), (stopped.Recipe, stopped.Epoch, stopped.Batch));
            Assert.Equal("SmokePoisoned: the training loss became NaN or infinite in epoch 2, batch 2 of 3; training stopped. Lower the learning rate, or check the data for extreme values.", stopped.Message);
            Assert.Equal(new[] { 1 }, epochs);
            using var model = new PoisonedDigits();
            using var optimizer = new RecipeDsl.Optimizers.AdamW(model.parameters());
            using var shuffle = new Generator(1);
            var history = new List<EpochMetrics>();
            Assert.Equal(1, new Checkpoints(folder, "SmokePoisoned").TryRestore(model, optimizer, shuffle, history));
            Assert.Equal(1, Assert.Single(history).Epoch);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Epoch_totals_name_the_first_non_finite_batch(double bad)
    {
        using var totals = new EpochTotals("Recipe", 4);
        using var logits = zeros(2, 3);
        foreach (var loss in new[] { 1.0, 2.0, bad, 3.0, bad })
        {
            using var value = tensor(loss);
            totals.Add(value, logits);
        }

        var stopped = Assert.Throws<NonFiniteLossException>(() => totals.Means());

        Assert.Equal((4, 3), (stopped.Epoch, stopped.Batch));
    }

    [Fact]
    public void Finite_losses_give_their_means()
    {
        using var totals = new EpochTotals("Recipe", 1);
        using var logits = zeros(2, 4);
        foreach (var loss in new[] { 1.0, 3.0 })
        {
            using var value = tensor(loss);
            totals.Add(value, logits);
        }

        Assert.Equal((2.0, 0.25), totals.Means());
    }
}
