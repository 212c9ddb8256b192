using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Runtime.Tests.Training;

/// <summary>A run interrupted after an epoch and resumed from its checkpoint ends exactly as an uninterrupted run (CPU).</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("recipedsl-checkpoints-").FullName;

    private string Folder(string name) => Path.Combine(_directory, name);

    private sealed class Interrupted : Exception;

    private static void AssertSameRun(TrainingResult expected, TrainingResult actual)
    {
        Assert.Equal(expected.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.TrainMeanConfidence, e.Validation)), actual.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.TrainMeanConfidence, e.Validation)));
        Assert.Equal(expected.Test, actual.Test);
    }

    [Fact]
    public void Resuming_after_an_interruption_equals_an_uninterrupted_run()
    {
        var options = new TrainingOptions { Epochs = 3, MaxTrainSamples = 600 };
        var uninterrupted = new SmokeMlpTrainer().Train(options with { CheckpointDirectory = Folder("full") });

        // Interrupted during epoch 2: its checkpoint holds epoch 1.
        Assert.Throws<Interrupted>(() => new SmokeMlpTrainer().Train(options with
        {
            CheckpointDirectory = Folder("cut"),
            OnEpoch = epoch => { if (epoch.Epoch == 2) throw new Interrupted(); },
        }));
        var resumed = new SmokeMlpTrainer().Train(options with { CheckpointDirectory = Folder("cut"), Resume = true });

        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void A_bf16_run_resumes_from_its_float32_master_weights_exactly()
    {
        var options = new TrainingOptions { Epochs = 2, MaxTrainSamples = 500 };
        var uninterrupted = new SmokePrecisionTrainer().Train(options with { CheckpointDirectory = Folder("full") });

        new SmokePrecisionTrainer().Train(options with { Epochs = 1, CheckpointDirectory = Folder("cut") });
        var resumed = new SmokePrecisionTrainer().Train(options with { CheckpointDirectory = Folder("cut"), Resume = true });

        AssertSameRun(uninterrupted, resumed);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.GradientNorm), resumed.Epochs.Select(e => e.GradientNorm));
    }

    [Fact]
    public void Mixup_generators_are_part_of_the_checkpoint()
    {
        var options = new TrainingOptions { Epochs = 2, MaxTrainSamples = 500 };
        var uninterrupted = new SmokeMixupTrainer().Train(options with { CheckpointDirectory = Folder("full") });

        new SmokeMixupTrainer().Train(options with { Epochs = 1, CheckpointDirectory = Folder("cut") });
        var resumed = new SmokeMixupTrainer().Train(options with { CheckpointDirectory = Folder("cut"), Resume = true });

        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void The_schedule_early_stopping_and_clipping_resume_exactly()
    {
        var options = new TrainingOptions { Epochs = 4, MaxTrainSamples = 600 };
        var uninterrupted = new SmokeScheduledTrainer().Train(options with { CheckpointDirectory = Folder("full") });

        try
        {
            // Interrupted during epoch 2 (unless early stopping ended the run first): its checkpoint holds epoch 1.
            new SmokeScheduledTrainer().Train(options with
            {
                CheckpointDirectory = Folder("cut"),
                OnEpoch = epoch => { if (epoch.Epoch == 2) throw new Interrupted(); },
            });
        }
        catch (Interrupted)
        {
        }

        var resumed = new SmokeScheduledTrainer().Train(options with { CheckpointDirectory = Folder("cut"), Resume = true });

        AssertSameRun(uninterrupted, resumed);
        Assert.Equal(uninterrupted.Epochs.Select(e => (e.LearningRate, e.GradientNorm)), resumed.Epochs.Select(e => (e.LearningRate, e.GradientNorm)));
        Assert.Equal(uninterrupted.EarlyStopping, resumed.EarlyStopping);
    }

    [Fact]
    public void A_checkpoint_written_without_a_technique_is_refused_by_a_recipe_that_has_it()
    {
        using (var model = new SmokeScheduledModel())
        using (var optimizer = new RecipeDsl.Optimizers.SGD(model.parameters(), 0.1))
        using (var shuffle = Seeding.ShuffleGenerator(1))
        {
            new Checkpoints(Folder("parts"), "SmokeScheduled").Save(1, model, optimizer, shuffle, new List<EpochMetrics>());
        }

        var error = Assert.Throws<UnusableFileException>(() =>
            new SmokeScheduledTrainer().Train(new TrainingOptions { Epochs = 2, MaxTrainSamples = 300, CheckpointDirectory = Folder("parts"), Resume = true }));

        Assert.Contains("it holds no technique state where the recipe now needs learning rate schedule, early stopping", error.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("huge length")]
    public void A_checkpoint_that_does_not_fit_is_a_one_line_error(string kind)
    {
        var path = Path.Combine(Folder("bad"), "SmokeMlp.checkpoint");
        Directory.CreateDirectory(Folder("bad"));
        switch (kind)
        {
            case "truncated":
                new SmokeMlpTrainer().Train(new TrainingOptions { MaxTrainSamples = 200, CheckpointDirectory = Folder("bad") });
                File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);
                break;
            case "huge length":
                // A whole header, then a random state claiming 2 GB: refused before anything is allocated.
                using (var writer = new BinaryWriter(File.Create(path)))
                {
                    writer.Write("RDCK");
                    writer.Write(1);
                    writer.Write("SmokeMlp");
                    writer.Write(1);
                    writer.Write(int.MaxValue);
                }

                break;
            default:
                File.WriteAllBytes(path, new byte[] { 4, 82, 68, 67, 75, 1, 0, 0, 0, 255, 255, 255, 255, 15 });
                break;
        }

        var error = Assert.Throws<UnusableFileException>(() =>
            new SmokeMlpTrainer().Train(new TrainingOptions { MaxTrainSamples = 200, CheckpointDirectory = Folder("bad"), Resume = true }));

        Assert.Equal(path, error.Path);
        Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(path)}' is not a usable checkpoint of recipe SmokeMlp \\(.+\\)\\. Delete it to start over, or resume from another --out folder\\.$", error.Message);
    }

    [Fact]
    public void A_checkpoint_written_before_the_optimizer_changed_is_refused_without_touching_the_random_state()
    {
        new SmokeMlpTrainer().Train(new TrainingOptions { MaxTrainSamples = 200, CheckpointDirectory = Folder("edited") });
        using var model = new SmokeMlpModel();
        using var sgd = new RecipeDsl.Optimizers.SGD(model.parameters(), 0.1);
        using var shuffle = new TorchSharp.torch.Generator(3);
        using var before = TorchSharp.torch.get_rng_state();

        var error = Assert.Throws<UnusableFileException>(() => new Checkpoints(Folder("edited"), "SmokeMlp").TryRestore(model, sgd, shuffle, new()));

        Assert.Contains("Mismatched optimizer type", error.Message);
        using var after = TorchSharp.torch.get_rng_state();
        Assert.Equal(before.data<byte>().ToArray(), after.data<byte>().ToArray());
    }

    [Fact]
    public void A_checkpoint_is_replaced_whole_and_leaves_no_temporary_file()
    {
        new SmokeMlpTrainer().Train(new TrainingOptions { Epochs = 2, MaxTrainSamples = 300, CheckpointDirectory = Folder("one") });

        Assert.Equal(new[] { "SmokeMlp.checkpoint" }, Directory.GetFiles(Folder("one")).Select(Path.GetFileName));
    }

    [Fact]
    public void Resuming_a_finished_run_trains_nothing_more_and_reports_the_same()
    {
        var options = new TrainingOptions { Epochs = 1, MaxTrainSamples = 300, CheckpointDirectory = Folder("done") };
        var first = new SmokeMlpTrainer().Train(options);
        var epochsSeen = 0;

        var again = new SmokeMlpTrainer().Train(options with { Resume = true, OnEpoch = _ => epochsSeen++ });

        Assert.Equal(0, epochsSeen);
        AssertSameRun(first, again);
    }

    [Fact]
    public void Another_recipes_checkpoint_is_refused()
    {
        new SmokeMlpTrainer().Train(new TrainingOptions { Epochs = 1, MaxTrainSamples = 300, CheckpointDirectory = Folder("x") });
        File.Move(Path.Combine(Folder("x"), "SmokeMlp.checkpoint"), Path.Combine(Folder("x"), "SmokeTeacher.checkpoint"));

        var error = Assert.Throws<UnusableFileException>(() =>
            new SmokeTeacherTrainer().Train(new TrainingOptions { Epochs = 1, MaxTrainSamples = 300, CheckpointDirectory = Folder("x"), Resume = true }));
        Assert.Contains("belongs to recipe 'SmokeMlp'", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
