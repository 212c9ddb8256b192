using System;
using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>Trainers the generator wrote from Recipes/*.recipe.yaml in this project, run on the embedded digits.</summary>
public sealed class GeneratedTrainerTests
{
    private static readonly TrainingOptions Short = new() { MaxTrainSamples = 2000 };

    [Fact]
    public void One_short_epoch_lowers_the_loss_and_beats_chance()
    {
        Seeding.SeedAll(SmokeMlpRecipe.Seed);
        using var model = new SmokeMlpModel();
        double nllBefore;
        using (var data = ClassificationData.Load(SmokeMlpRecipe.Data, CPU))
        {
            nllBefore = Evaluation.Validation(model, data, SmokeMlpRecipe.CalibrationBins).Nll;
        }

        var result = new SmokeMlpTrainer().Train(model, Short);

        var epoch = Assert.Single(result.Epochs);
        Assert.Equal(2000, result.TrainCount);
        Assert.True(epoch.Validation.Nll < nllBefore - 0.5, $"validation NLL {nllBefore:F3} before, {epoch.Validation.Nll:F3} after");
        Assert.True(epoch.TrainLoss < Math.Log(10), $"mean train loss {epoch.TrainLoss:F3} is not below the untrained ln 10");
        Assert.True(epoch.Validation.Accuracy > 0.6, $"validation accuracy {epoch.Validation.Accuracy:P1} (chance is 10 %)");
        Assert.True(result.Test.Accuracy > 0.6, $"test accuracy {result.Test.Accuracy:P1}");
        Assert.InRange(epoch.TrainMeanConfidence, 0.1, 1.0);
        Assert.InRange(epoch.Validation.Ece, 0.0, 1.0);
        Assert.StartsWith("cpu", result.Device, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_cnn_trainer_learns_too()
    {
        var result = new SmokeCnnTrainer().Train(Short);

        Assert.True(result.Test.Accuracy > 0.6, $"test accuracy {result.Test.Accuracy:P1} (chance is 10 %)");
    }

    [Fact]
    public void A_bf16_recipe_learns_and_leaves_its_model_float32()
    {
        Seeding.SeedAll(SmokePrecisionRecipe.Seed);
        using var model = new SmokePrecisionModel();

        var result = new SmokePrecisionTrainer().Train(model, Short with { Epochs = 1 });

        Assert.True(result.Test.Accuracy > 0.6, $"test accuracy {result.Test.Accuracy:P1} (chance is 10 %)");
        Assert.All(model.parameters(), parameter => Assert.Equal(ScalarType.Float32, parameter.dtype));
        // Master weights: the float32 model holds values bfloat16 cannot, so it was not merely rounded from the copy.
        using var weights = model.parameters().First().detach();
        using var rounded = weights.to(ScalarType.BFloat16).to(ScalarType.Float32);
        Assert.False(weights.equal(rounded).all().item<bool>());
        Assert.True(result.Epochs[0].GradientNorm > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        var first = new SmokeMlpTrainer().Train(Short with { MaxTrainSamples = 500 });
        var second = new SmokeMlpTrainer().Train(Short with { MaxTrainSamples = 500 });

        Assert.Equal(first.Epochs[0].TrainLoss, second.Epochs[0].TrainLoss);
        Assert.Equal(first.Test, second.Test);
    }

    [Fact]
    public void The_shuffle_generator_gives_a_fresh_order_each_epoch_and_the_same_orders_for_the_same_seed()
    {
        // Generated trainers draw each epoch's order with randperm on this generator (see the snapshots).
        using var generator = Seeding.ShuffleGenerator(SmokeMlpRecipe.Seed);
        using var firstEpoch = randperm(1000, generator: generator);
        using var secondEpoch = randperm(1000, generator: generator);
        using var replay = Seeding.ShuffleGenerator(SmokeMlpRecipe.Seed);
        using var replayedFirstEpoch = randperm(1000, generator: replay);

        Assert.False(firstEpoch.eq(secondEpoch).all().item<bool>());
        Assert.True(firstEpoch.eq(replayedFirstEpoch).all().item<bool>());
    }

    [Fact]
    public void Training_leaves_no_native_tensors_behind()
    {
        Seeding.SeedAll(SmokeMlpRecipe.Seed);
        using var model = new SmokeMlpModel();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        new SmokeMlpTrainer().Train(model, Short with { MaxTrainSamples = 300 });

        // Parameters gain their .grad tensors during training; nothing else may survive the run.
        var gradients = 0;
        foreach (var parameter in model.parameters())
        {
            gradients += parameter.grad is null ? 0 : 1;
        }

        Assert.Equal(liveBefore + gradients, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    public static TheoryData<string> TechniqueRecipes() => new()
    {
        "SmokeMlp", "SmokeMixup", "SmokeNoisyClasses", "SmokeSequence", "SmokeStudent", "SmokeCalibrated", "SmokeCnn", "SmokeFocal", "SmokeScheduled",
        "SmokePrecision",
    };

    [Theory]
    [MemberData(nameof(TechniqueRecipes))]
    public void A_long_run_keeps_the_same_number_of_native_tensors_after_its_first_epoch(string recipe)
    {
        var live = new System.Collections.Generic.List<long>();
        var options = new TrainingOptions
        {
            Epochs = 20,
            MaxTrainSamples = 100,
            OnEpoch = epoch =>
            {
                if (epoch.Recipe == recipe)
                {
                    live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                }
            },
        };

        System.Linq.Enumerable.Single(RecipeCatalog.All, entry => entry.Name == recipe).CreateTrainer().Train(options);

        // Early stopping may end SmokeScheduled sooner; every other recipe trains all 20 epochs.
        Assert.InRange(live.Count, recipe == "SmokeScheduled" ? 4 : 20, 20);
        // Counted when each epoch ends; early stopping keeps its copy of the best weights from the first epoch's end on.
        Assert.All(System.Linq.Enumerable.Skip(live, 1), count => Assert.Equal(live[1], count));
    }

    [Fact]
    public void The_catalog_lists_this_projects_recipes()
    {
        Assert.Equal(
            new[]
            {
                "SmokeCalibrated", "SmokeChars", "SmokeCnn", "SmokeCustom", "SmokeFashion", "SmokeFocal", "SmokeFortunes", "SmokeImages", "SmokeMixup", "SmokeMlp",
                "SmokeNoisyClasses", "SmokePoisoned", "SmokePrecision", "SmokeScheduled", "SmokeSequence", "SmokeStudent", "SmokeSweep", "SmokeTable", "SmokeTeacher",
                "SmokeText",
            },
            System.Linq.Enumerable.Select(RecipeCatalog.All, entry => entry.Name));
        Assert.IsType<SmokeCnnTrainer>(RecipeCatalog.All[2].CreateTrainer());
        var byName = System.Linq.Enumerable.ToDictionary(RecipeCatalog.All, entry => entry.Name);
        Assert.Equal("SmokeTeacher", byName["SmokeStudent"].Teacher);
        Assert.NotNull(byName["SmokeStudent"].TrainFromSavedTeacher);
        Assert.NotNull(byName["SmokeSweep"].Sweep);
        Assert.Null(byName["SmokeMlp"].Sweep);
        Assert.Equal(SmokeTableRecipe.Data, byName["SmokeTable"].Data);
        Assert.Null(byName["SmokeSequence"].Data);
    }
}
