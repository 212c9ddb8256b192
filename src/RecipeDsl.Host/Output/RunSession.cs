using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RecipeDsl.Host.Commands;
using RecipeDsl.Host.Reports;
using RecipeDsl.Training;
using Spectre.Console;

namespace RecipeDsl.Host.Output;

/// <summary>
/// One command's runs: live progress (a bar per epoch with batches, loss and throughput on an interactive terminal;
/// one line per epoch otherwise), the tables, and the report folder that every run writes into.
/// </summary>
internal sealed class RunSession
{
    private readonly IAnsiConsole _console;
    private readonly RunSettings _settings;

    /// <param name="arguments">The command line after the program's name, which the report records.</param>
    public RunSession(IAnsiConsole console, RunSettings settings, string name, IEnumerable<string> arguments)
    {
        _console = console;
        _settings = settings;
        var folder = settings.Out
            ?? (settings.Resume ? LatestRun(name) : null)
            ?? Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + name);
        if (File.Exists(folder))
        {
            throw new UsageException($"--out '{folder}' is a file; give a folder for the report (it is created if missing).");
        }

        // Quoted where a shell would need it, so that a path with spaces reads as one argument.
        Report = new RunReport(folder, settings.TensorBoard)
        {
            Arguments = string.Join(" ", arguments.Select(argument => argument.Length == 0 || argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? "'" + argument.Replace("'", "'\\''") + "'" : argument)),
        };
    }

    public RunReport Report { get; }

    /// <summary>The newest runs/&lt;timestamp&gt;-&lt;name&gt; folder, which --resume continues when --out is not given.</summary>
    private static string? LatestRun(string name) =>
        Directory.Exists("runs")
            ? Directory.GetDirectories("runs", "*-" + name).OrderBy(path => path, StringComparer.Ordinal).LastOrDefault()
                ?? throw new UsageException($"--resume found no runs/*-{name} folder to continue; give it with --out.")
            : throw new UsageException("--resume found no runs/ folder to continue; give the report folder with --out.");

    /// <summary>The recipes of this session that predict tokens, whose lines show perplexity.</summary>
    private readonly HashSet<string> _tokenRecipes = new(StringComparer.Ordinal);

    public void Header(RecipeEntry entry)
    {
        _console.MarkupLineInterpolated($"[bold]{entry.Name}[/] ({entry.FileName}): {entry.Summary}");
        Report.AddRecipe(entry);
        if (entry.PredictsTokens)
        {
            _tokenRecipes.Add(entry.Name);
        }
    }

    public TrainingResult Run(Func<TrainingOptions, TrainingResult> train) => StoppingOnDivergence(train);

    public SweepResult RunSweep(Func<TrainingOptions, SweepResult> sweep) => StoppingOnDivergence(sweep);

    /// <summary>A run whose loss became NaN: one error line, where its last good checkpoint and metrics are, exit code 3.</summary>
    private T StoppingOnDivergence<T>(Func<TrainingOptions, T> run)
    {
        try
        {
            return WithProgress(run);
        }
        catch (TrainingDivergedException diverged)
        {
            _console.MarkupLineInterpolated($"[red]error:[/] {diverged.Message}");
            if (diverged is NonFiniteLossException)
            {
                _console.MarkupLineInterpolated($"Kept in {Path.GetFullPath(Report.Folder)}: the metrics of every finished epoch and the checkpoint of the last one (none if the first diverged).");
            }

            throw new ReportedException(ExitCodes.Diverged);
        }
    }

    private T WithProgress<T>(Func<TrainingOptions, T> run)
    {
        var options = _settings.ToOptions() with
        {
            // Every epoch leaves a checkpoint in the report folder, so any run can be resumed.
            CheckpointDirectory = Report.Folder,
            Log = new ConsoleLog(_console),
            // What temperature scaling would give each classifier (its model is left as it is), for the reliability
            // diagrams and the comparison; a recipe that scales reports its own.
            OnTrained = trained =>
            {
                if (trained.Data is Data.ClassificationData)
                {
                    Report.AddMeasuredScaling(trained.Recipe, Evaluation.MeasureTemperatureScaling(trained.Model, trained.Data, trained.Bins));
                }
                else if (trained.Data is Data.SequenceTensors sequences)
                {
                    Report.AddMeasuredScaling(trained.Recipe, NextToken.MeasureTemperatureScaling(trained.Model, sequences, trained.Bins));
                }
            },
            OnFinished = result =>
            {
                Tables.WriteSummary(_console, result, _tokenRecipes.Contains(result.Recipe));
                Report.AddResult(result);
            },
        };

        if (!_console.Profile.Capabilities.Interactive)
        {
            // Counting examples reads nothing from the device; the epoch line shows the throughput from it.
            var examples = 0L;
            return run(options with
            {
                OnBatch = batch => examples = batch.Batch == 1 ? batch.Examples : examples + batch.Examples,
                OnEpoch = epoch => Epoch(epoch, examples),
            });
        }

        T outcome = default!;
        var finished = new List<TrainingResult>();
        _console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<(string, int), ProgressTask>();
                var started = DateTime.UtcNow;
                var shown = DateTime.MinValue;
                var examples = 0L;
                ProgressTask TaskFor(string recipe, int epoch, int batches) =>
                    tasks.TryGetValue((recipe, epoch), out var task) ? task
                    : tasks[(recipe, epoch)] = context.AddTask($"{Markup.Escape(recipe)} epoch {epoch}", maxValue: batches);
                outcome = run(options with
                {
                    Log = TextWriter.Null,
                    OnBatch = batch =>
                    {
                        examples = batch.Batch == 1 ? batch.Examples : examples + batch.Examples;
                        started = batch.Batch == 1 ? DateTime.UtcNow : started;
                        var task = TaskFor(batch.Recipe, batch.Epoch, batch.Batches);
                        task.Value = batch.Batch;
                        // Reading the loss waits for the device: four times a second is enough for a person to watch.
                        if (batch.Batch == 1 || batch.Batch == batch.Batches || DateTime.UtcNow - shown >= TimeSpan.FromMilliseconds(250))
                        {
                            shown = DateTime.UtcNow;
                            var perSecond = examples / Math.Max((shown - started).TotalSeconds, 1e-3);
                            task.Description = string.Create(CultureInfo.InvariantCulture,
                                $"{Markup.Escape(batch.Recipe)} epoch {batch.Epoch}  loss {batch.Loss.item<float>():F4}  {perSecond:F0} ex/s");
                        }
                    },
                    OnEpoch = epoch =>
                    {
                        var task = TaskFor(epoch.Recipe, epoch.Epoch, 1);
                        task.Description = Markup.Escape(Tables.EpochLine(epoch, tokens: _tokenRecipes.Contains(epoch.Recipe)));
                        task.Value = task.MaxValue;
                        task.StopTask();
                        Report.AddEpoch(epoch);
                    },
                    OnFinished = finished.Add,
                });
            });

        foreach (var result in finished)
        {
            options.OnFinished!(result);
        }

        return outcome;
    }

    private void Epoch(EpochMetrics epoch, long examples)
    {
        _console.WriteLine(Tables.EpochLine(epoch, examples, _tokenRecipes.Contains(epoch.Recipe)));
        Report.AddEpoch(epoch);
    }

    public void Finish()
    {
        Report.Write();
        _console.MarkupLineInterpolated($"Report: [link]{Path.GetFullPath(Report.Folder)}[/] (report.md, metrics, plots, models)");
    }
}
