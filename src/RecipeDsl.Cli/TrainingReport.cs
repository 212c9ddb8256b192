using System.Globalization;
using System.IO;
using RecipeDsl.Metrics;
using RecipeDsl.Training;

namespace RecipeDsl.Cli;

/// <summary>How runs look in the terminal: one line per epoch, then tables of the final metrics.</summary>
internal static class TrainingReport
{
    public static string EpochLine(EpochMetrics epoch) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch,3}  train loss {epoch.TrainLoss:F4}  train conf {epoch.TrainMeanConfidence:F4}  "
        + $"val acc {epoch.Validation.Accuracy:P2}  val nll {epoch.Validation.Nll:F4}  val ece {epoch.Validation.Ece:F4}  ({epoch.Duration.TotalSeconds:F1} s)");

    public static void WriteSummary(TextWriter output, TrainingResult result)
    {
        var last = result.Epochs[^1];
        output.WriteLine($"{result.Recipe}: {result.Epochs.Count} epoch(s) on {result.TrainCount} training examples, {result.Device}");
        output.WriteLine("split          scored  accuracy     NLL     ECE     MCE  mean conf");
        Row(output, "validation", last.Validation);
        Row(output, "test", result.Test);
        if (result.TemperatureScaling is { } scaling)
        {
            Row(output, "test, T-sc.", scaling.After);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"temperature scaling: T = {scaling.Temperature:F3} fitted on validation; test NLL {scaling.Before.Nll:F4} → {scaling.After.Nll:F4}, "
                + $"ECE {scaling.Before.Ece:F4} → {scaling.After.Ece:F4}, accuracy unchanged"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train mean confidence (last epoch): {last.TrainMeanConfidence:F4}   ECE: equal-width bins, top label"));
    }

    public static void WriteSweep(TextWriter output, SweepResult sweep)
    {
        output.WriteLine($"{sweep.Recipe}: label smoothing sweep, every candidate from the same initial weights; best by validation {sweep.Metric.ToString().ToLowerInvariant()}");
        output.WriteLine("     ε  val acc   val NLL   val ECE  test acc  train conf");
        foreach (var candidate in sweep.Candidates)
        {
            var validation = candidate.Validation;
            var best = candidate == sweep.Best ? "  ← best" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{candidate.LabelSmoothing,6:0.###}  {validation.Accuracy,7:P2}  {validation.Nll,8:F4}  {validation.Ece,8:F4}  {candidate.Result.Test.Accuracy,8:P2}  {candidate.Result.Epochs[^1].TrainMeanConfidence,10:F4}{best}"));
        }
    }

    private static void Row(TextWriter output, string split, ClassificationMetrics m) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{split,-11} {m.Count,9}  {m.Accuracy,8:P2}  {m.Nll,6:F4}  {m.Ece,6:F4}  {m.Mce,6:F4}  {m.MeanConfidence,9:F4}"));
}
