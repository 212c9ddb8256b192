using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using RecipeDsl.Host.Commands;
using RecipeDsl.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host;

/// <summary>
/// The command line over a program's own recipes: list, data, train, distill, sweep and compare. A program's whole
/// <c>Program.cs</c> can be <c>return RecipeDslApp.Run(args, RecipeCatalog.All);</c>, the catalog the generator
/// writes from the project's <c>*.recipe.yaml</c> files.
/// </summary>
public static class RecipeDslApp
{
    /// <summary>Runs the command line on the terminal; returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <param name="recipes">The program's generated <c>RecipeDsl.Recipes.RecipeCatalog.All</c>.</param>
    /// <param name="applicationName">The name the help shows; the entry assembly's name by default.</param>
    public static int Run(string[] args, IReadOnlyList<RecipeEntry> recipes, string? applicationName = null)
    {
        // Piped or logged output is not a terminal: give tables room instead of the default 80 columns.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = Math.Max(AnsiConsole.Console.Profile.Width, 160);
        }

        return Run(args, AnsiConsole.Console, recipes, applicationName);
    }

    /// <summary>Runs the command line on <paramref name="console"/> (tests give a recording one).</summary>
    public static int Run(string[] args, IAnsiConsole console, IReadOnlyList<RecipeEntry> recipes, string? applicationName = null)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(RecipeSet), new RecipeSet(recipes));
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName(applicationName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "recipedsl");
            config.ConfigureConsole(console);
            var examples = new HelpExamples(recipes);
            config.AddCommand<ListCommand>("list")
                .WithDescription("Show the recipes compiled into this program (its *.recipe.yaml files), with their key settings.");
            var data = config.AddCommand<DataCommand>("data")
                .WithDescription("Show what a recipe's data section resolves to: files, split sizes, shape, classes and their balance, normalisation.");
            var train = config.AddCommand<TrainCommand>("train")
                .WithDescription("Train one recipe on its data (a distillation student trains its teacher first).");
            var distill = config.AddCommand<DistillCommand>("distill")
                .WithDescription("Train a distillation student from its teacher, trained first or loaded from saved weights.");
            var sweep = config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Train one model per ε of the recipe's sweep, all from the same initial weights, and name the best.");
            var compare = config.AddCommand<CompareCommand>("compare")
                .WithDescription("Train several recipes and compare accuracy, NLL, ECE, ECE after temperature scaling and training confidence.");
            if (examples.Any is { } any)
            {
                data.WithExample("data", any);
                train.WithExample("train", any);
                train.WithExample("train", any, "--epochs", "1", "--out", "runs/quick");
            }

            if (examples.Teacher is { } teacher && examples.Student is { } student)
            {
                train.WithExample("train", teacher, "--save-model", "teacher.dat");
                distill.WithExample("distill", student, "--teacher-weights", "teacher.dat");
            }

            if (examples.Sweep is { } swept)
            {
                sweep.WithExample("sweep", swept);
            }

            if (examples.Comparable.Count >= 2)
            {
                compare.WithExample(["compare", .. examples.Comparable]);
            }

            config.SetExceptionHandler((exception, _) =>
            {
                // A value our converters refused arrives wrapped in Spectre's own "Failed to convert" exception.
                if (exception.InnerException is UsageException inner)
                {
                    exception = inner;
                }

                switch (exception)
                {
                    case ReportedException reported:
                        return reported.ExitCode;
                    case UnusableFileException:
                        console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                        return ExitCodes.Usage;
                    case CommandAppException or UsageException:
                        console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                        console.MarkupLine("Run [bold]recipedsl --help[/] or [bold]recipedsl <command> --help[/] for usage.");
                        return ExitCodes.Usage;
                    case IOException or UnauthorizedAccessException:
                        console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                        return ExitCodes.Failure;
                    default:
                        console.WriteException(exception, ExceptionFormats.ShortenPaths);
                        return ExitCodes.Failure;
                }
            });
        });
        return app.Run(args);
    }
}

/// <summary>A mistake in how the program was called; reported with a hint to the help, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A failure the command has already reported to the user; the program only exits with its code.</summary>
public sealed class ReportedException(int exitCode) : Exception($"reported; exit code {exitCode}")
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>What the program's exit code means.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything unexpected, or a file that could not be read or written.</summary>
    public const int Failure = 1;

    /// <summary>A mistake in the command line or in a file it was given.</summary>
    public const int Usage = 2;

    /// <summary>Training diverged (a NaN or infinite loss) and was stopped.</summary>
    public const int Diverged = 3;
}
