using System;
using System.Globalization;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;

namespace RecipeDsl.Cli;

/// <summary>Parses the command line and runs <c>list</c>, <c>train</c>, <c>distill</c> or <c>sweep</c>.</summary>
internal static class CommandLine
{
    private const string Usage = """
        Usage:
          recipedsl list                        the recipes compiled into this program
          recipedsl train <recipe> [options]    train one on the embedded MNIST digits (a student trains its teacher first)
          recipedsl distill <student> [options] [--teacher-weights <file>]
                                                train a student; its teacher is trained first, or loaded from <file>
          recipedsl sweep <recipe> [options]    train one model per ε of the recipe's sweep, from the same initial weights

        Options:
          --epochs <n>                          override training.epochs (sweep.epochs for sweep)
          --device <auto|cpu|cuda>              override training.device
          --max-train <n>                       train on the first n training images only
          --save-model <file>                   save the trained weights (TorchSharp format); train and distill only

        <recipe> is a recipe name (MnistMlp) or its file name without .recipe.yaml (mnist-mlp).
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                [] or ["-h" or "--help" or "help"] => Help(output),
                ["list", .. var rest] => NoArguments("list", rest) ?? List(output),
                ["train", .. var rest] => Train(rest, output),
                ["distill", .. var rest] => Distill(rest, output),
                ["sweep", .. var rest] => Sweep(rest, output),
                [var command, ..] => throw new UsageException($"Unknown command '{command}'."),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine();
            error.WriteLine(Usage);
            return 2;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int? NoArguments(string command, string[] rest) =>
        rest.Length == 0 ? null : throw new UsageException($"'{command}' takes no arguments; got '{string.Join(" ", rest)}'.");

    private static int List(TextWriter output)
    {
        var nameWidth = RecipeCatalog.All.Max(entry => entry.Name.Length);
        var fileWidth = RecipeCatalog.All.Max(entry => entry.FileName.Length);
        output.WriteLine($"{"Recipe".PadRight(nameWidth)}  {"File".PadRight(fileWidth)}  Settings");
        foreach (var entry in RecipeCatalog.All)
        {
            output.WriteLine($"{entry.Name.PadRight(nameWidth)}  {entry.FileName.PadRight(fileWidth)}  {entry.Summary}");
        }

        return 0;
    }

    private static int Train(string[] args, TextWriter output)
    {
        var (entry, options) = Parse("train", args, output, allowTeacherWeights: false);
        WriteHeader(output, entry);
        entry.CreateTrainer().Train(options);
        return 0;
    }

    private static int Distill(string[] args, TextWriter output)
    {
        var (entry, options) = Parse("distill", args, output, allowTeacherWeights: true);
        if (entry.Teacher is null || entry.TrainFromSavedTeacher is null)
        {
            throw new UsageException($"'{entry.Name}' is not a distillation student (it has no 'distillation' section). Students: {Names(RecipeCatalog.All.Where(e => e.Teacher is not null))}.");
        }

        if (TeacherWeights(args) is { } weights)
        {
            if (!File.Exists(weights))
            {
                throw new UsageException($"No teacher weights at '{weights}'. Save them with: recipedsl train {entry.Teacher} --save-model {weights}");
            }

            WriteHeader(output, entry);
            output.WriteLine($"Teacher {entry.Teacher}: weights loaded from {weights}");
            entry.TrainFromSavedTeacher(weights, options);
        }
        else
        {
            WriteHeader(output, entry);
            entry.CreateTrainer().Train(options);
        }

        return 0;
    }

    private static int Sweep(string[] args, TextWriter output)
    {
        var (entry, options) = Parse("sweep", args, output, allowTeacherWeights: false);
        if (entry.Sweep is null)
        {
            throw new UsageException($"'{entry.Name}' has no 'sweep' section. Recipes with one: {Names(RecipeCatalog.All.Where(e => e.Sweep is not null))}.");
        }

        if (options.SaveModelTo is not null)
        {
            throw new UsageException("'--save-model' does not apply to a sweep, which trains several models.");
        }

        WriteHeader(output, entry);
        var result = entry.Sweep(options with { OnFinished = null });
        output.WriteLine();
        TrainingReport.WriteSweep(output, result);
        return 0;
    }

    private static (RecipeEntry Entry, TrainingOptions Options) Parse(string command, string[] args, TextWriter output, bool allowTeacherWeights)
    {
        if (args.Length == 0 || args[0].StartsWith("-", StringComparison.Ordinal))
        {
            throw new UsageException($"'{command}' needs a recipe name. Known recipes: {Names(RecipeCatalog.All)}.");
        }

        var entry = Find(args[0]);
        var options = ParseOptions(args[1..], allowTeacherWeights) with
        {
            Log = output,
            OnEpoch = epoch => output.WriteLine(TrainingReport.EpochLine(epoch)),
            OnFinished = result =>
            {
                output.WriteLine();
                TrainingReport.WriteSummary(output, result);
                output.WriteLine();
            },
        };
        return (entry, options);
    }

    private static void WriteHeader(TextWriter output, RecipeEntry entry) =>
        output.WriteLine($"{entry.Name} ({entry.FileName}): {entry.Summary}");

    private static RecipeEntry Find(string requested)
    {
        var match = RecipeCatalog.All.FirstOrDefault(entry =>
            string.Equals(entry.Name, requested, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.FileStem, requested, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"No recipe named '{requested}'. Known recipes: {Names(RecipeCatalog.All)}.");
    }

    private static string Names(System.Collections.Generic.IEnumerable<RecipeEntry> entries)
    {
        var names = entries.Select(entry => $"{entry.Name} ({entry.FileStem})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string? TeacherWeights(string[] args)
    {
        var index = Array.IndexOf(args, "--teacher-weights");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static TrainingOptions ParseOptions(string[] args, bool allowTeacherWeights)
    {
        var options = new TrainingOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new UsageException($"'{args[i]}' needs a value.");
            options = args[i] switch
            {
                "--epochs" => options with { Epochs = PositiveInt(args[i], value) },
                "--max-train" => options with { MaxTrainSamples = PositiveInt(args[i], value) },
                "--device" => options with { Device = Device(value) },
                "--save-model" => options with { SaveModelTo = value },
                "--teacher-weights" when allowTeacherWeights => options,
                _ => throw new UsageException($"Unknown option '{args[i]}'."),
            };
            i++;
        }

        return options;
    }

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"'{option}' needs a whole number above 0; got '{value}'.");

    private static DevicePreference Device(string value) => value switch
    {
        "auto" => DevicePreference.Auto,
        "cpu" => DevicePreference.Cpu,
        "cuda" => DevicePreference.Cuda,
        _ => throw new UsageException($"'--device' is auto, cpu or cuda; got '{value}'."),
    };

    private sealed class UsageException(string message) : Exception(message);
}
