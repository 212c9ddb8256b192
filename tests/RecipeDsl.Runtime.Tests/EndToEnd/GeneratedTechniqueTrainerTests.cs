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
