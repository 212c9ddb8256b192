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

    [CommandOption("--seed <N>")]
    [TypeConverter(typeof(WholeNumberConverter))]
    [Description("The training seed (initial weights, batch order, dropout, Mixup and augmentation) instead of data.seed; the split keeps data.seed, so runs score the same examples.")]
    public int? Seed { get; init; }

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Change a recipe key for this run: training.epochs, training.device or data.path. Keys that shape the generated trainer (layers, techniques) are refused with the file to edit. Repeatable.")]
    public string[] Set { get; init; } = System.Array.Empty<string>();

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
        : Seed is < 0 ? ValidationResult.Error($"--seed needs a whole number of 0 or more; got {Seed}.")
        : Device is not null && DeviceOf(Device) is null ? ValidationResult.Error($"--device is auto, cpu or cuda; got '{Device}'.")
        : ValidationResult.Success();

    /// <summary>Refuses, before anything trains, a <c>--set</c> that none of <paramref name="entries"/> can take at run time.</summary>
    public void CheckOverrides(params RecipeEntry[] entries) => RecipeOverrides.Check(Set, entries);

    /// <summary>The run's options: <c>--set</c> first, then the named options, which win.</summary>
    public TrainingOptions ToOptions()
    {
        var options = RecipeOverrides.Apply(new TrainingOptions(), Set);
        return options with
        {
            Resume = Resume,
            Epochs = Epochs ?? options.Epochs,
            Seed = Seed,
            MaxTrainSamples = MaxTrain,
            DataPath = DataPath ?? options.DataPath,
            Device = DeviceOf(Device) ?? options.Device,
        };
    }

    internal static DevicePreference? DeviceOf(string? device) => device switch
    {
        "auto" => DevicePreference.Auto,
        "cpu" => DevicePreference.Cpu,
        "cuda" => DevicePreference.Cuda,
        _ => null,
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
