using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>Generated trainers of the full language (Recipes/smoke-*.recipe.yaml), run briefly on the embedded digits.</summary>
public sealed class GeneratedTechniqueTrainerTests
{
    private static readonly TrainingOptions Short = new() { MaxTrainSamples = 1500 };

    private static float[] Weights(nn.Module module) =>
        module.parameters().SelectMany(parameter => parameter.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void A_student_learns_from_a_trained_teacher_that_itself_does_not_change()
    {
        using var teacher = new SmokeTeacherModel();
        new SmokeTeacherTrainer().Train(teacher, Short);
        var teacherWeights = Weights(teacher);

        var student = new SmokeStudentTrainer().Train(teacher, Short);

        Assert.True(student.Test.Accuracy > 0.5, $"student test accuracy {student.Test.Accuracy:P1}");
        Assert.Equal(teacherWeights, Weights(teacher));
    }

    [Fact]
    public void Training_a_student_alone_trains_its_teacher_first()
    {
        var finished = new List<string>();

        new SmokeStudentTrainer().Train(Short with { OnFinished = result => finished.Add(result.Recipe) });

        Assert.Equal(new[] { "SmokeTeacher", "SmokeStudent" }, finished);
    }

    [Fact]
    public void A_saved_teacher_gives_the_same_student_as_the_teacher_in_memory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recipedsl-teacher-{Guid.NewGuid():N}.dat");
        try
        {
            using var teacher = new SmokeTeacherModel();
            new SmokeTeacherTrainer().Train(teacher, Short with { SaveModelTo = path });

            var fromMemory = new SmokeStudentTrainer().Train(teacher, Short);
            var fromFile = new SmokeStudentTrainer().TrainFromSavedTeacher(path, Short);

            Assert.Equal(fromMemory.Test, fromFile.Test);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Focal_loss_on_smoothed_mixed_targets_trains_and_reports_the_norm_before_clipping()
    {
        var result = new SmokeFocalTrainer().Train(Short);

        Assert.True(result.Test.Accuracy > 0.5, $"test accuracy {result.Test.Accuracy:P1}");
        Assert.Equal(2.0, SmokeFocalRecipe.FocalGamma);
        Assert.True(result.Epochs[0].GradientNorm is > 0 and < 1000, $"mean gradient norm {result.Epochs[0].GradientNorm}");
        Assert.Null(result.EarlyStopping);
    }

    [Fact]
    public void A_scheduled_run_records_each_epochs_rate_and_ends_with_its_best_epochs_weights()
    {
        var log = new StringWriter();
        var epochs = new List<EpochMetrics>();
        using var model = new SmokeScheduledTrainer().CreateModel();
        var result = new SmokeScheduledTrainer().Train(model, Short with { Log = log, OnEpoch = epochs.Add });

        // Warmup over epoch 1 starts at lr/(W + 1); cosine from lr after it, downwards.
        var batches = (int)Math.Ceiling(1500.0 / SmokeScheduledRecipe.BatchSize);
        Assert.Equal(SmokeScheduledRecipe.LearningRate / (batches + 1), result.Epochs[0].LearningRate, 12);
        Assert.Equal(SmokeScheduledRecipe.LearningRate, result.Epochs[1].LearningRate, 12);
        Assert.All(result.Epochs.Skip(2), epoch => Assert.True(epoch.LearningRate < result.Epochs[1].LearningRate));
        Assert.All(result.Epochs, epoch => Assert.NotNull(epoch.GradientNorm));

        var stopping = Assert.IsType<EarlyStoppingResult>(result.EarlyStopping);
        Assert.Equal(result.Epochs.Count, stopping.LastEpoch);
        var best = result.Epochs.OrderByDescending(epoch => epoch.Validation.Accuracy).First();
        Assert.Equal(best.Epoch, stopping.BestEpoch);
        Assert.Equal(best.Validation.Accuracy, stopping.BestValue);
        Assert.Contains(stopping.Describe("SmokeScheduled"), log.ToString());

        // The model ends with the best epoch's weights: scoring it on validation again gives that epoch's numbers.
        using var data = RecipeDsl.Data.ClassificationData.Load(SmokeScheduledRecipe.Data, CPU, Short);
        Assert.Equal(best.Validation, Evaluation.Validation(model, data, SmokeScheduledRecipe.CalibrationBins));
    }

    [Fact]
    public void Mixup_with_smoothing_trains_on_an_odd_batch_size()
    {
        var result = new SmokeMixupTrainer().Train(Short);

        Assert.True(result.Test.Accuracy > 0.5, $"test accuracy {result.Test.Accuracy:P1}");
        Assert.True(result.Epochs[0].TrainLoss < Math.Log(10));
    }

    [Fact]
    public void Temperature_scaling_reports_T_keeps_accuracy_and_is_saved_with_the_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recipedsl-calibrated-{Guid.NewGuid():N}.dat");
        try
        {
            using var model = new SmokeCalibratedModel();
            var result = new SmokeCalibratedTrainer().Train(model, Short with { SaveModelTo = path });

            var scaling = Assert.IsType<RecipeDsl.Calibration.TemperatureScalingResult>(result.TemperatureScaling);
            Assert.InRange(scaling.Temperature, 0.05, 20);
            Assert.Equal(scaling.Before.Accuracy, scaling.After.Accuracy);
            Assert.Equal(result.Test, scaling.Before);
            Assert.Equal(scaling.Temperature, model.Temperature, 5);

            using var loaded = new SmokeCalibratedModel();
            Assert.Equal(1.0, loaded.Temperature);
            loaded.load(path);
            Assert.Equal(model.Temperature, loaded.Temperature);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_sweep_trains_every_candidate_and_names_the_best_by_its_metric()
    {
        var sweep = new SmokeSweepTrainer().Sweep(Short);

        Assert.Equal(new[] { 0.0, 0.3 }, sweep.Candidates.Select(c => c.LabelSmoothing));
        Assert.Equal(ValidationMetric.Nll, sweep.Metric);
        Assert.Equal(sweep.Candidates.MinBy(c => c.Validation.Nll), sweep.Best);
        // Heavier smoothing lowers the training-set confidence: the article's monitoring signal.
        Assert.True(sweep.Candidates[1].Result.Epochs[0].TrainMeanConfidence < sweep.Candidates[0].Result.Epochs[0].TrainMeanConfidence);
    }

    [Fact]
    public void Label_noise_with_per_class_smoothing_still_learns()
    {
        var result = new SmokeNoisyClassesTrainer().Train(Short);

        Assert.True(result.Test.Accuracy > 0.4, $"test accuracy {result.Test.Accuracy:P1}");
    }

    [Fact]
    public void A_next_token_model_learns_the_arithmetic_corpus()
    {
        Seeding.SeedAll(SmokeSequenceRecipe.Seed);
        using var model = new SmokeSequenceModel();
        double nllBefore;
        using (var data = RecipeDsl.Data.SequenceTensors.LoadArithmetic(SmokeSequenceRecipe.ValidationSplit, CPU, SmokeSequenceRecipe.IgnoreIndex))
        {
            nllBefore = NextToken.Evaluate(model, data.ValidationInputs, data.ValidationLabels, SmokeSequenceRecipe.IgnoreIndex).Nll;
        }

        var result = new SmokeSequenceTrainer().Train(model, new TrainingOptions { MaxTrainSamples = 3000 });

        Assert.True(result.Epochs[0].Validation.Nll < nllBefore - 0.5, $"validation NLL {nllBefore:F3} before, {result.Epochs[0].Validation.Nll:F3} after");
        // Chance over 15 tokens is 6.7 %; the format tokens alone (+, =, <eos>, the first digit) are learnt at once.
        Assert.True(result.Test.Accuracy > 0.25, $"test token accuracy {result.Test.Accuracy:P1}");
    }

    [Fact]
    public void A_users_own_model_class_is_trained_by_the_generated_loop()
    {
        using var model = new Models.LinearDigits();

        var result = new SmokeCustomTrainer().Train(model, Short);

        Assert.True(result.Test.Accuracy > 0.6, $"test accuracy {result.Test.Accuracy:P1}");
    }
}
