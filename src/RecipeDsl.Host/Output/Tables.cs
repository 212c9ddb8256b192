using System.Collections.Generic;
using System.Globalization;
using RecipeDsl.Host.Commands;
using RecipeDsl.Metrics;
using RecipeDsl.Training;
using Spectre.Console;

namespace RecipeDsl.Host.Output;

/// <summary>How results look in the terminal.</summary>
internal static class Tables
{
    /// <param name="examples">Training examples of the epoch, when counted: the line then shows the throughput too.</param>
    /// <param name="tokens">Whether the recipe predicts tokens: its NLL is then also shown as perplexity.</param>
    public static string EpochLine(EpochMetrics epoch, long? examples = null, bool tokens = false)
    {
        var throughput = examples is { } count
            ? string.Create(CultureInfo.InvariantCulture, $", {count / System.Math.Max(epoch.Duration.TotalSeconds, 1e-3):N0} {(tokens ? "windows" : "examples")}/s")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{epoch.Recipe} epoch {epoch.Epoch,3}  train loss {epoch.TrainLoss:F4}  train conf {epoch.TrainMeanConfidence:F4}  "
            + $"val acc {epoch.Validation.Accuracy:P2}  val nll {epoch.Validation.Nll:F4}{(tokens ? $" (ppl {epoch.Validation.Perplexity:F2})" : "")}  "
            + $"val ece {epoch.Validation.Ece:F4}  ({epoch.Duration.TotalSeconds:F1} s{throughput})");
    }

    /// <param name="tokens">Whether the recipe predicts tokens: rows count tokens and show perplexity.</param>
    public static void WriteSummary(IAnsiConsole console, TrainingResult result, bool tokens = false)
    {
        var last = result.Epochs[^1];
        var table = new Table()
            .Title($"{Markup.Escape(result.Recipe)}: {result.Epochs.Count} epoch(s) on {result.TrainCount} training {(tokens ? "windows" : "examples")}, {Markup.Escape(result.Device)}")
            .AddColumns(tokens ? new[] { "split", "tokens", "accuracy", "NLL", "perplexity", "ECE", "MCE", "mean conf" } : new[] { "split", "scored", "accuracy", "NLL", "ECE", "MCE", "mean conf" });
        Row(table, "validation", last.Validation, tokens);
        Row(table, "test", result.Test, tokens);
        if (result.TemperatureScaling is { } scaling)
        {
            Row(table, $"test, T = {scaling.Temperature.ToString("F3", CultureInfo.InvariantCulture)}", scaling.After, tokens);
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture,
            $"train mean confidence (last epoch) {last.TrainMeanConfidence:F4}; ECE over {last.Validation.Reliability.Count} equal-width bins, top {(tokens ? "token" : "label")}"));
        console.Write(table);
    }

    public static void WriteSweep(IAnsiConsole console, SweepResult sweep)
    {
        var table = new Table()
            .Title($"{Markup.Escape(sweep.Recipe)}: every candidate from the same initial weights; best by validation {sweep.Metric.Spelling()}")
            .AddColumns("ε", "val acc", "val NLL", "val ECE", "test acc", "train conf", "");
        foreach (var candidate in sweep.Candidates)
        {
            var validation = candidate.Validation;
            table.AddRow(
                F(candidate.LabelSmoothing, "0.###"), F(validation.Accuracy, "P2"), F(validation.Nll, "F4"), F(validation.Ece, "F4"),
                F(candidate.Result.Test.Accuracy, "P2"), F(candidate.Result.Epochs[^1].TrainMeanConfidence, "F4"),
                candidate == sweep.Best ? "[green]← best[/]" : "");
        }

        foreach (var diverged in sweep.Diverged)
        {
            table.AddRow(F(diverged.LabelSmoothing, "0.###"), "[red]diverged[/]", "", "", "", "", Markup.Escape(diverged.Reason));
        }

        console.Write(table);
    }

    public static void WriteComparison(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows)
    {
        var table = new Table()
            .Title("Comparison on the test split")
            .AddColumns("recipe", "accuracy", "NLL", "ECE", "ECE after T-scaling (T)", "train conf (last epoch)");
        foreach (var row in rows)
        {
            var test = row.Result.Test;
            var scaled = row.TemperatureScaling is { } scaling
                ? $"{F(scaling.After.Ece, "F4")} (T = {F(scaling.Temperature, "F2")})"
                : "—";
            // A language model's NLL is per token; its perplexity is what the field reports.
            var nll = row.Entry.PredictsTokens ? $"{F(test.Nll, "F4")} (ppl {F(test.Perplexity, "F2")})" : F(test.Nll, "F4");
            table.AddRow(Markup.Escape(row.Entry.Name), F(test.Accuracy, "P2"), nll, F(test.Ece, "F4"), scaled, F(row.Result.Epochs[^1].TrainMeanConfidence, "F4"));
        }

        console.Write(table);
    }

    private static void Row(Table table, string split, ClassificationMetrics m, bool tokens)
    {
        var cells = new List<string> { Markup.Escape(split), m.Count.ToString(CultureInfo.InvariantCulture), F(m.Accuracy, "P2"), F(m.Nll, "F4") };
        if (tokens)
        {
            cells.Add(F(m.Perplexity, "F2"));
        }

        cells.AddRange(new[] { F(m.Ece, "F4"), F(m.Mce, "F4"), F(m.MeanConfidence, "F4") });
        table.AddRow(cells.ToArray());
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
