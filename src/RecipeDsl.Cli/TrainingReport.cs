using System.Globalization;
using System.IO;
using RecipeDsl.Metrics;
using RecipeDsl.Training;

namespace RecipeDsl.Cli;

/// <summary>How a run looks in the terminal: one line per epoch, then a table of the final metrics.</summary>
internal static class TrainingReport
{
    public static string EpochLine(EpochMetrics epoch) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch,3}  train loss {epoch.TrainLoss:F4}  train conf {epoch.TrainMeanConfidence:F4}  "
        + $"val acc {epoch.Validation.Accuracy:P2}  val nll {epoch.Validation.Nll:F4}  val ece {epoch.Validation.Ece:F4}  ({epoch.Duration.TotalSeconds:F1} s)");

    public static void WriteSummary(TextWriter output, TrainingResult result)
    {
        var last = result.Epochs[^1];
        output.WriteLine($"{result.Recipe}: {result.Epochs.Count} epoch(s) on {result.TrainCount} training images, {result.Device}");
        output.WriteLine("split        examples  accuracy     NLL     ECE     MCE  mean conf");
        Row(output, "validation", last.Validation);
        Row(output, "test", result.Test);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train mean confidence (last epoch): {last.TrainMeanConfidence:F4}   ECE: 15 equal-width bins, top label"));
    }

    private static void Row(TextWriter output, string split, ClassificationMetrics m) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{split,-10} {m.Count,10}  {m.Accuracy,8:P2}  {m.Nll,6:F4}  {m.Ece,6:F4}  {m.Mce,6:F4}  {m.MeanConfidence,9:F4}"));
}
