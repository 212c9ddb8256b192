using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;

namespace RecipeDsl.Cli;

/// <summary>Parses the command line and runs <c>list</c> or <c>train</c>.</summary>
internal static class CommandLine
{
    private const string Usage = """
        Usage:
          recipedsl list                     the recipes compiled into this program
          recipedsl train <recipe> [options] train one on the embedded MNIST digits

        Options of train:
          --epochs <n>                       override training.epochs
          --device <auto|cpu|cuda>           override training.device
          --max-train <n>                    train on the first n training images only

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
        if (args.Length == 0 || args[0].StartsWith("-", StringComparison.Ordinal))
        {
            throw new UsageException("'train' needs a recipe name. Known recipes: " + KnownNames() + ".");
        }

        var entry = Find(args[0]);
        var options = ParseTrainOptions(args[1..]) with
        {
            Log = output,
            OnEpoch = epoch => output.WriteLine(TrainingReport.EpochLine(epoch)),
        };

        output.WriteLine($"{entry.Name} ({entry.FileName}): {entry.Summary}");
        var result = entry.CreateTrainer().Train(options);
        output.WriteLine();
        TrainingReport.WriteSummary(output, result);
        return 0;
    }

    private static RecipeEntry Find(string requested)
    {
        var match = RecipeCatalog.All.FirstOrDefault(entry =>
            string.Equals(entry.Name, requested, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.FileStem, requested, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"No recipe named '{requested}'. Known recipes: {KnownNames()}.");
    }

    private static string KnownNames() => string.Join(", ", RecipeCatalog.All.Select(entry => $"{entry.Name} ({entry.FileStem})"));

    private static TrainingOptions ParseTrainOptions(string[] args)
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
                _ => throw new UsageException($"Unknown option '{args[i]}' for 'train'."),
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
