using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RecipeDsl.Host.Commands;
using RecipeDsl.Metrics;
using RecipeDsl.Training;
using static TorchSharp.torch.utils.tensorboard;

namespace RecipeDsl.Host.Reports;

/// <summary>
/// The report folder of a command. Per recipe: <c>&lt;Name&gt;.recipe.yaml</c> (every default resolved),
/// <c>&lt;Name&gt;.metrics.jsonl</c> (one line per epoch, written as it ends), <c>&lt;Name&gt;.model.dat</c> (weights, with
/// the fitted temperature when there is one) and <c>&lt;Name&gt;.reliability.png</c>; for all: loss, accuracy and
/// confidence curves, the learning rate of each epoch, and <c>report.md</c>. TensorBoard event files under <c>tensorboard/&lt;Name&gt;</c> on request.
/// </summary>
internal sealed class RunReport
{
    private readonly bool _tensorBoard;
    private readonly Dictionary<string, TorchSharp.Modules.SummaryWriter> _writers = new();
    private readonly List<RecipeEntry> _recipes = new();
    private readonly Dictionary<string, List<EpochMetrics>> _epochs = new();
    private readonly Dictionary<string, TrainingResult> _results = new();
    private IReadOnlyList<ComparisonRow>? _comparison;
    private SweepResult? _sweep;

    public RunReport(string folder, bool tensorBoard)
    {
        Folder = folder;
        _tensorBoard = tensorBoard;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    /// <summary>The arguments the program was run with (after its name), for report.md.</summary>
    public string Arguments { get; init; } = "";

    /// <summary>Where the model of the first recipe is saved.</summary>
    public string ModelPath => ModelPathFor(_recipes.Count > 0 ? _recipes[0].Name : "model");

    public string ModelPathFor(string recipe) => Path.Combine(Folder, recipe + ".model.dat");

    private bool PredictsTokens(string recipe) => _recipes.Any(entry => entry.Name == recipe && entry.PredictsTokens);

    /// <summary>A test NLL cell: per token for a language model, with its perplexity.</summary>
    private string Nll(string recipe, ClassificationMetrics test) =>
        PredictsTokens(recipe) ? $"{F(test.Nll, "F4")} (perplexity {F(test.Perplexity, "F2")})" : F(test.Nll, "F4");

    public void AddRecipe(RecipeEntry entry)
    {
        _recipes.Add(entry);
        File.WriteAllText(Path.Combine(Folder, entry.Name + ".recipe.yaml"), entry.ResolvedYaml);
    }

    public void AddEpoch(EpochMetrics epoch)
    {
        if (!_epochs.TryGetValue(epoch.Recipe, out var epochs))
        {
            _epochs[epoch.Recipe] = epochs = new List<EpochMetrics>();
            KeepLinesBefore(epoch);
        }

        epochs.Add(epoch);
        var validation = epoch.Validation;
        var fields = new Dictionary<string, object>
        {
            ["recipe"] = epoch.Recipe,
            ["epoch"] = epoch.Epoch,
            ["train_loss"] = epoch.TrainLoss,
            ["train_mean_confidence"] = epoch.TrainMeanConfidence,
            ["val_accuracy"] = validation.Accuracy,
            ["val_nll"] = validation.Nll,
            ["val_ece"] = validation.Ece,
            ["val_mce"] = validation.Mce,
            ["val_mean_confidence"] = validation.MeanConfidence,
            ["lr"] = epoch.LearningRate,
            ["seconds"] = epoch.Duration.TotalSeconds,
        };
        if (epoch.GradientNorm is { } gradientNorm)
        {
            fields["grad_norm"] = gradientNorm;
        }

        if (PredictsTokens(epoch.Recipe))
        {
            fields["val_perplexity"] = validation.Perplexity;
        }

        var line = JsonSerializer.Serialize(fields, Checkpoints.Json);
        File.AppendAllText(MetricsPath(epoch.Recipe), line + "\n");

        if (_tensorBoard)
        {
            if (!_writers.TryGetValue(epoch.Recipe, out var writer))
            {
                _writers[epoch.Recipe] = writer = SummaryWriter(Path.Combine(Folder, "tensorboard", epoch.Recipe));
            }

            writer.add_scalar("train/loss", (float)epoch.TrainLoss, epoch.Epoch);
            writer.add_scalar("train/mean_confidence", (float)epoch.TrainMeanConfidence, epoch.Epoch);
            writer.add_scalar("validation/accuracy", (float)validation.Accuracy, epoch.Epoch);
            writer.add_scalar("validation/nll", (float)validation.Nll, epoch.Epoch);
            writer.add_scalar("validation/ece", (float)validation.Ece, epoch.Epoch);
            writer.add_scalar("train/learning_rate", (float)epoch.LearningRate, epoch.Epoch);
            if (epoch.GradientNorm is { } norm)
            {
                writer.add_scalar("train/grad_norm_before_clipping", (float)norm, epoch.Epoch);
            }
        }
    }

    private readonly Dictionary<string, Calibration.TemperatureScalingResult> _measuredScaling = new();

    public void AddMeasuredScaling(string recipe, Calibration.TemperatureScalingResult scaling) => _measuredScaling[recipe] = scaling;

    /// <summary>The recipe's own temperature scaling, or the one measured after its training.</summary>
    public Calibration.TemperatureScalingResult? ScalingOf(TrainingResult result) =>
        result.TemperatureScaling ?? _measuredScaling.GetValueOrDefault(result.Recipe);

    public void AddResult(TrainingResult result)
    {
        _results[result.Recipe] = result;
        _epochs[result.Recipe] = result.Epochs.ToList(); // the whole run, epochs of a resumed first part included
    }

    public void WriteComparison(IReadOnlyList<ComparisonRow> rows) => _comparison = rows;

    public void WriteSweep(SweepResult sweep) => _sweep = sweep;

    /// <summary>Writes the plots and report.md for everything recorded.</summary>
    public void Write()
    {
        var images = new List<(string Title, string File)>();
        foreach (var (recipe, result) in _results)
        {
            var scaling = ScalingOf(result);
            var file = recipe + ".reliability.png";
            Plots.Reliability(Path.Combine(Folder, file), recipe, result.Test, scaling);
            var fitted = scaling is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (after temperature scaling T = {scaling.Temperature:F2}, ECE {scaling.Before.Ece:F4} → {scaling.After.Ece:F4})");
            images.Add(($"Reliability of {recipe} on the test split{fitted}", file));
        }

        if (_epochs.Count > 0)
        {
            Plots.Curves(Path.Combine(Folder, "train-loss.png"), "Training loss", "mean loss", _epochs, e => e.TrainLoss);
            Plots.Curves(Path.Combine(Folder, "validation-accuracy.png"), "Validation accuracy", "accuracy", _epochs, e => e.Validation.Accuracy);
            Plots.Curves(Path.Combine(Folder, "train-confidence.png"), "Mean confidence on the training set", "mean max-probability", _epochs, e => e.TrainMeanConfidence);
            images.Add(("Training loss per epoch", "train-loss.png"));
            images.Add(("Validation accuracy per epoch", "validation-accuracy.png"));
            images.Add(("Mean confidence on the training set per epoch (the article's monitoring signal)", "train-confidence.png"));
            Plots.Curves(Path.Combine(Folder, "learning-rate.png"), "Learning rate", "rate of the epoch's first step", _epochs, e => e.LearningRate);
            images.Add(("Learning rate per epoch (at each epoch's first step)", "learning-rate.png"));
        }

        File.WriteAllText(Path.Combine(Folder, "report.md"), Markdown(images));
    }

    private string Markdown(List<(string Title, string File)> images)
    {
        var md = new StringBuilder();
        md.Append("# RecipeDsl report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Written {DateTime.Now:yyyy-MM-dd HH:mm}. Recipes: {string.Join(", ", _recipes.Select(r => $"`{r.Name}` ({r.FileName})"))}.\n\n");
        if (Arguments.Length > 0)
        {
            // What the run changed from the recipes (--epochs, --seed, --set …) is on its command line.
            md.Append(CultureInfo.InvariantCulture, $"Command line: `{Arguments.Replace("`", "'", StringComparison.Ordinal)}`\n\n");
        }

        if (_comparison is { } rows)
        {
            md.Append("| recipe | test accuracy | test NLL | test ECE | ECE after temperature scaling (T) | train mean confidence |\n|---|---|---|---|---|---|\n");
            foreach (var row in rows)
            {
                var test = row.Result.Test;
                var scaled = row.TemperatureScaling is { } s ? $"{F(s.After.Ece, "F4")} ({F(s.Temperature, "F2")})" : "—";
                md.Append(CultureInfo.InvariantCulture, $"| {row.Entry.Name} | {F(test.Accuracy, "P2")} | {Nll(row.Entry.Name, test)} | {F(test.Ece, "F4")} | {scaled} | {F(row.Result.Epochs[^1].TrainMeanConfidence, "F4")} |\n");
            }

            md.Append('\n');
        }
        else
        {
            md.Append("| recipe | epochs | test accuracy | test NLL | test ECE | train mean confidence |\n|---|---|---|---|---|---|\n");
            foreach (var result in _results.Values)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {result.Recipe} | {result.Epochs.Count} | {F(result.Test.Accuracy, "P2")} | {Nll(result.Recipe, result.Test)} | {F(result.Test.Ece, "F4")} | {F(result.Epochs[^1].TrainMeanConfidence, "F4")} |\n");
            }

            md.Append('\n');
        }

        var stopped = _results.Values.Where(result => result.EarlyStopping is not null).Select(result => result.EarlyStopping!.Describe(result.Recipe)).ToList();
        if (stopped.Count > 0)
        {
            md.Append(string.Concat(stopped.Select(line => $"- {line}\n"))).Append('\n');
        }

        if (_sweep is { } sweep)
        {
            md.Append(CultureInfo.InvariantCulture, $"Sweep of `{sweep.Recipe}`, every candidate from the same initial weights; best by validation {sweep.Metric.Spelling()}: ε = {F(sweep.Best.LabelSmoothing, "0.###")}.\n\n");
            md.Append("| ε | val accuracy | val NLL | val ECE | test accuracy |\n|---|---|---|---|---|\n");
            foreach (var candidate in sweep.Candidates)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {F(candidate.LabelSmoothing, "0.###")} | {F(candidate.Validation.Accuracy, "P2")} | {F(candidate.Validation.Nll, "F4")} | {F(candidate.Validation.Ece, "F4")} | {F(candidate.Result.Test.Accuracy, "P2")} |\n");
            }

            foreach (var diverged in sweep.Diverged)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {F(diverged.LabelSmoothing, "0.###")} | diverged: {diverged.Reason} | | | |\n");
            }

            md.Append('\n');
        }

        md.Append("ECE: equal-width bins over the top-label confidence. Per recipe: `<name>.recipe.yaml` (every default resolved), `<name>.metrics.jsonl`, `<name>.model.dat`.\n\n");
        foreach (var (title, file) in images)
        {
            md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n![{title}]({file})\n\n");
        }

        return md.ToString();
    }

    private string MetricsPath(string recipe) => Path.Combine(Folder, recipe + ".metrics.jsonl");

    /// <summary>
    /// Before a run's first epoch: a fresh run (epoch 1) starts the file; a resumed one keeps what its first part wrote
    /// of earlier epochs only, since a run killed between an epoch's line and its checkpoint repeats that epoch (and a
    /// kill mid-write leaves half a line). Replaced through a temporary file, as checkpoints are.
    /// </summary>
    private void KeepLinesBefore(EpochMetrics first)
    {
        var path = MetricsPath(first.Recipe);
        if (!File.Exists(path))
        {
            return;
        }

        var earlier = File.ReadAllLines(path).Where(line => EpochOf(line) is { } epoch && epoch < first.Epoch).ToArray();
        File.WriteAllLines(path + ".tmp", earlier);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static int? EpochOf(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("epoch").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
