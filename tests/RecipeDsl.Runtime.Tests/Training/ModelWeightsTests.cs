using System;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

/// <summary>Weights round-trip in every format; .pt is a PyTorch state_dict that Python's torch.load reads.</summary>
public sealed class ModelWeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("recipedsl-weights-").FullName;

    private static float[] Weights(nn.Module module) =>
        module.state_dict().OrderBy(pair => pair.Key).SelectMany(pair => pair.Value.detach().cpu().to(float32).data<float>().ToArray()).ToArray();

    [Theory]
    [InlineData("model.dat")]
    [InlineData("model.pt")]
    [InlineData("model.safetensors")]
    public void A_model_saved_and_loaded_has_the_same_weights(string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        using var trained = new SmokeMlpModel();
        new SmokeMlpTrainer().Train(trained, new TrainingOptions { MaxTrainSamples = 200, SaveModelTo = path });

        using var loaded = new SmokeMlpModel();
        ModelWeights.Load(loaded, path);

        Assert.Equal(Weights(trained), Weights(loaded));
    }

    [Fact]
    public void A_pt_file_is_a_PyTorch_zip_archive_keyed_by_the_generated_field_names()
    {
        var path = Path.Combine(_directory, "teacher.pt");
        using var model = new SmokeTeacherModel();
        ModelWeights.Save(model, path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'P', bytes[0]); // torch.save's zip format
        Assert.Equal((byte)'K', bytes[1]);
        var stateDict = TorchSharp.PyBridge.PyTorchUnpickler.UnpickleStateDict(path);
        Assert.Equal(new[] { "hidden1.bias", "hidden1.weight", "output.bias", "output.weight" }, stateDict.Keys.Cast<string>().OrderBy(key => key));
    }

    [Fact]
    public void A_student_distils_from_a_teacher_saved_as_a_PyTorch_state_dict()
    {
        var path = Path.Combine(_directory, "teacher.pt");
        using var teacher = new SmokeTeacherModel();
        new SmokeTeacherTrainer().Train(teacher, new TrainingOptions { MaxTrainSamples = 500, SaveModelTo = path });

        var fromMemory = new SmokeStudentTrainer().Train(teacher, new TrainingOptions { MaxTrainSamples = 500 });
        var fromPyTorch = new SmokeStudentTrainer().TrainFromSavedTeacher(path, new TrainingOptions { MaxTrainSamples = 500 });

        Assert.Equal(fromMemory.Test, fromPyTorch.Test);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var model = new SmokeMlpModel();

        Assert.Contains("No model weights at", Assert.Throws<UnusableFileException>(() => ModelWeights.Load(model, Path.Combine(_directory, "none.pt"))).Message);
    }

    [Theory]
    [InlineData("other.dat")]
    [InlineData("other.pt")]
    [InlineData("other.safetensors")]
    public void Weights_of_another_model_are_a_one_line_error_naming_file_recipe_and_remedy(string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        using (var other = new SmokeCnnModel())
        {
            ModelWeights.Save(other, path);
        }

        using var teacher = new SmokeTeacherModel();
        var error = Assert.Throws<UnusableFileException>(() => ModelWeights.Load(teacher, path, "SmokeTeacher"));

        Assert.Equal(path, error.Path);
        Assert.StartsWith($"'{path}' does not hold weights of recipe SmokeTeacher's model (", error.Message);
        Assert.EndsWith($"). Save them with: recipedsl train SmokeTeacher --save-model {path}", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("garbage.dat")]
    [InlineData("garbage.pt")]
    [InlineData("garbage.safetensors")]
    public void A_corrupt_weights_file_is_a_one_line_error(string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllBytes(path, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 });
        using var model = new SmokeMlpModel();

        var error = Assert.Throws<UnusableFileException>(() => ModelWeights.Load(model, path, "SmokeMlp"));

        Assert.StartsWith($"'{path}' does not hold weights of recipe SmokeMlp's model (", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Pretrained_weights_of_the_wrong_shape_are_a_one_line_error_naming_the_recipe()
    {
        var path = Path.Combine(_directory, "base.pt");
        using (var other = new SmokeCnnModel())
        {
            ModelWeights.Save(other, path);
        }

        using var model = new SmokeMlpModel();
        var error = Assert.Throws<UnusableFileException>(() => PretrainedWeights.Load(model, path, "SmokeMlp"));

        Assert.StartsWith($"Recipe 'SmokeMlp': model.pretrained '{path}' does not fit its model (", error.Message);
        Assert.EndsWith("or remove model.pretrained.", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
