using System.IO;
using RecipeDsl.Recipes;
using RecipeDsl.Runtime.Tests.Data;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>Generated trainers on the user's own data: files the tests write, and the real Fashion-MNIST.</summary>
public sealed class OwnDataTrainerTests : System.IDisposable
{
    private readonly DataFixtures _files = new();

    public void Dispose() => _files.Dispose();

    private string ShapesFolder() => _files.Images("shapes", new[] { "a", "b", "c", "d" }, perClass: 40);

    [Fact]
    public void An_augmented_cnn_learns_an_image_folder()
    {
        var result = new SmokeImagesTrainer().Train(new TrainingOptions { DataPath = ShapesFolder() });

        Assert.Equal(4, result.Epochs.Count);
        Assert.Equal(40, result.Test.Count);
        Assert.True(result.Test.Accuracy > 0.6, $"test accuracy {result.Test.Accuracy:P1} (chance 25 %)");
    }

    [Fact]
    public void Augmented_runs_are_identical()
    {
        var options = new TrainingOptions { DataPath = ShapesFolder(), Epochs = 2 };

        var first = new SmokeImagesTrainer().Train(options);
        var second = new SmokeImagesTrainer().Train(options);

        Assert.Equal(first.Epochs[^1].TrainLoss, second.Epochs[^1].TrainLoss);
        Assert.Equal(first.Test, second.Test);
    }

    [Fact]
    public void A_resumed_augmented_run_ends_as_the_uninterrupted_one()
    {
        var options = new TrainingOptions { DataPath = ShapesFolder(), Epochs = 3 };
        var uninterrupted = new SmokeImagesTrainer().Train(options with { CheckpointDirectory = _files.PathOf("full") });

        new SmokeImagesTrainer().Train(options with { Epochs = 1, CheckpointDirectory = _files.PathOf("cut") });
        var resumed = new SmokeImagesTrainer().Train(options with { CheckpointDirectory = _files.PathOf("cut"), Resume = true });

        // Each epoch's crops and flips are drawn from the recipe's seed and the epoch, so nothing else needs saving.
        Assert.Equal(uninterrupted.Epochs[^1].TrainLoss, resumed.Epochs[^1].TrainLoss);
        Assert.Equal(uninterrupted.Test, resumed.Test);
    }

    [Fact]
    public void An_augmented_run_keeps_the_same_number_of_native_tensors_after_its_first_epoch()
    {
        var live = new System.Collections.Generic.List<long>();
        var options = new TrainingOptions
        {
            DataPath = ShapesFolder(),
            Epochs = 8,
            OnEpoch = _ => live.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount),
        };

        new SmokeImagesTrainer().Train(options);

        Assert.Equal(8, live.Count);
        Assert.All(live, count => Assert.Equal(live[0], count));
    }

    [Fact]
    public void An_mlp_learns_a_csv_table()
    {
        var table = _files.Blobs("blobs.csv", rows: 300);

        var result = new SmokeTableTrainer().Train(new TrainingOptions { DataPath = table });

        Assert.Equal(60, result.Test.Count);
        Assert.True(result.Test.Accuracy > 0.8, $"test accuracy {result.Test.Accuracy:P1} (chance 33 %)");
        // Validation is scored every epoch on the same stored rows: it must not drift as if they changed.
        Assert.All(result.Epochs, epoch => Assert.True(epoch.Validation.Accuracy > 0.6, $"epoch {epoch.Epoch}: {epoch.Validation.Accuracy:P1}"));
    }

    [Fact]
    public void A_recipe_whose_files_are_missing_stops_before_training_with_one_message()
    {
        var epochs = 0;

        var error = Assert.Throws<UnusableFileException>(() =>
            new SmokeTableTrainer().Train(new TrainingOptions { DataPath = _files.PathOf("absent.csv"), OnEpoch = _ => epochs++ }));

        Assert.Equal(0, epochs);
        Assert.Contains("absent.csv does not exist", error.Message);
    }

    [Fact]
    public void The_recipes_relative_path_is_resolved_against_the_recipe_folder()
    {
        Assert.True(Path.IsPathRooted(SmokeTableRecipe.Data.Path));
        Assert.EndsWith(Path.Combine("Recipes", "data", "blobs.csv"), SmokeTableRecipe.Data.Path);
    }

    [FashionMnistFact]
    public void One_epoch_on_the_real_fashion_mnist_reaches_80_percent()
    {
        var result = new SmokeFashionTrainer().Train();

        Assert.Equal(54_000, result.TrainCount);
        Assert.Equal(10_000, result.Test.Count);
        Assert.True(result.Test.Accuracy >= 0.8, $"test accuracy {result.Test.Accuracy:P2}");
    }
}
