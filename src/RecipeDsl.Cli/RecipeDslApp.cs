using System;
using System.IO;
using RecipeDsl.Cli.Commands;
using RecipeDsl.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Cli;

/// <summary>The <c>recipedsl</c> command line: list, train, distill, sweep and compare the compiled-in recipes.</summary>
public static class RecipeDslApp
{
    public static int Run(string[] args, IAnsiConsole console)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("recipedsl");
            config.ConfigureConsole(console);
            config.AddCommand<ListCommand>("list")
                .WithDescription("Show the recipes compiled into this program, with their key settings.");
            config.AddCommand<DataCommand>("data")
                .WithDescription("Show what a recipe's data section resolves to: files, split sizes, shape, classes and their balance, normalisation.")
                .WithExample("data", "fashion-mlp");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train one recipe on its data (a distillation student trains its teacher first).")
                .WithExample("train", "mnist-mlp")
                .WithExample("train", "mnist-teacher", "--save-model", "teacher.dat");
            config.AddCommand<DistillCommand>("distill")
                .WithDescription("Train a distillation student from its teacher, trained first or loaded from saved weights.")
                .WithExample("distill", "mnist-student", "--teacher-weights", "teacher.dat");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Train one model per ε of the recipe's sweep, all from the same initial weights, and name the best.")
                .WithExample("sweep", "mnist-sweep");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Train several recipes and compare accuracy, NLL, ECE, ECE after temperature scaling and training confidence.")
                .WithExample("compare", "mnist-mlp-baseline", "mnist-mlp", "mnist-mixup", "mnist-temperature-scaled", "mnist-student");
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
