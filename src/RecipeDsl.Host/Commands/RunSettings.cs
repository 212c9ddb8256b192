using System.ComponentModel;
using RecipeDsl.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

/// <summary>What every training command accepts.</summary>
public class RunSettings : CommandSettings
{
    [CommandOption("--epochs <N>")]
    [TypeConverter(typeof(WholeNumberConverter))]
    [Description("Override training.epochs (sweep.epochs for sweep).")]
    public int? Epochs { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("auto, cpu or cuda: override training.device.")]
    public string? Device { get; init; }

    [CommandOption("--max-train <N>")]
    [TypeConverter(typeof(WholeNumberConverter))]
    [Description("Train on the first N training examples only (quick runs).")]
    public int? MaxTrain { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Report folder (metrics.jsonl, resolved recipe, model, plots, report.md). Default: runs/<timestamp>-<name>.")]
    public string? Out { get; init; }

    [CommandOption("--data <PATH>")]
    [Description("Read the data from this file or folder instead of the recipe's data.path (same format, same checks).")]
    public string? DataPath { get; init; }

    [CommandOption("--resume")]
    [Description("Continue from the last epoch's checkpoint in the report folder (--out, or the newest runs/*-<name>).")]
    public bool Resume { get; init; }

    [CommandOption("--tensorboard")]
    [Description("Also write TensorBoard event files into the report folder's tensorboard/.")]
    public bool TensorBoard { get; init; }

    public override ValidationResult Validate() =>
        Epochs is <= 0 ? ValidationResult.Error($"--epochs needs a whole number above 0; got {Epochs}.")
        : MaxTrain is <= 0 ? ValidationResult.Error($"--max-train needs a whole number above 0; got {MaxTrain}.")
        : Device is not (null or "auto" or "cpu" or "cuda") ? ValidationResult.Error($"--device is auto, cpu or cuda; got '{Device}'.")
        : ValidationResult.Success();

    public TrainingOptions ToOptions() => new()
    {
        Resume = Resume,
        Epochs = Epochs,
        MaxTrainSamples = MaxTrain,
        DataPath = DataPath,
        Device = Device switch
        {
            "auto" => DevicePreference.Auto,
            "cpu" => DevicePreference.Cpu,
            "cuda" => DevicePreference.Cuda,
            _ => null,
        },
    };
}

/// <summary>A command on one recipe.</summary>
public class RecipeSettings : RunSettings
{
    [CommandArgument(0, "<recipe>")]
    [Description("A recipe name (MnistMlp) or its file name without .recipe.yaml (mnist-mlp).")]
    public string Recipe { get; init; } = "";

    [CommandOption("--save-model <FILE>")]
    [Description("Save the trained weights here instead of in the report folder; the extension picks the format (.pt: a PyTorch state_dict, .safetensors, else TorchSharp's).")]
    public string? SaveModel { get; init; }
}

/// <summary><c>data &lt;recipe&gt;</c>: what the recipe's data section resolves to, without training.</summary>
public sealed class DataSettings : CommandSettings
{
    [CommandArgument(0, "<recipe>")]
    [Description("A recipe name (FashionMlp) or its file name without .recipe.yaml (fashion-mlp).")]
    public string Recipe { get; init; } = "";

    [CommandOption("--data <PATH>")]
    [Description("Read the data from this file or folder instead of the recipe's data.path.")]
    public string? DataPath { get; init; }
}

public sealed class DistillSettings : RecipeSettings
{
    [CommandOption("--teacher-weights <FILE>")]
    [Description("Load the teacher from weights saved by 'train <teacher> --save-model' instead of training it first.")]
    public string? TeacherWeights { get; init; }
}

public sealed class CompareSettings : RunSettings
{
    [CommandArgument(0, "<recipes>")]
    [Description("Two or more recipes to train and compare.")]
    public string[] Recipes { get; init; } = System.Array.Empty<string>();

    public override ValidationResult Validate() =>
        Recipes.Length < 2 ? ValidationResult.Error("compare needs at least two recipes.") : base.Validate();
}
