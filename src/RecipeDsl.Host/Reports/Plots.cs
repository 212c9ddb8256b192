using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Calibration;
using RecipeDsl.Metrics;
using RecipeDsl.Training;
using ScottPlot;

namespace RecipeDsl.Host.Reports;

/// <summary>The report's PNG plots, drawn with ScottPlot.</summary>
internal static class Plots
{
    private const int Width = 800;
    private const int Height = 560;

    /// <summary>
    /// A reliability diagram: accuracy against mean confidence per non-empty bin, with the diagonal of perfect
    /// calibration, before and (when known) after temperature scaling. Points below the diagonal are overconfident.
    /// </summary>
    public static void Reliability(string path, string recipe, ClassificationMetrics test, TemperatureScalingResult? scaling)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LegendText = "perfect calibration";
        diagonal.LinePattern = LinePattern.Dashed;
        AddBins(plot, (scaling?.Before ?? test).Reliability, $"before temperature scaling (ECE {(scaling?.Before ?? test).Ece:F4})");
        if (scaling is not null)
        {
            AddBins(plot, scaling.After.Reliability, $"after, T = {scaling.Temperature:F2} (ECE {scaling.After.Ece:F4})");
        }

        plot.Title($"{recipe}: reliability on the test split");
        plot.XLabel("mean confidence in bin");
        plot.YLabel("accuracy in bin");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>One line per recipe of a per-epoch value.</summary>
    public static void Curves(string path, string title, string yLabel, IReadOnlyDictionary<string, List<EpochMetrics>> epochs, Func<EpochMetrics, double> value)
    {
        var plot = new Plot();
        foreach (var (recipe, runs) in epochs)
        {
            var line = plot.Add.Scatter(runs.Select(e => (double)e.Epoch).ToArray(), runs.Select(value).ToArray());
            line.LegendText = recipe;
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    private static void AddBins(Plot plot, IReadOnlyList<ReliabilityBin> bins, string label)
    {
        var filled = bins.Where(bin => bin.Count > 0).ToArray();
        if (filled.Length == 0)
        {
            return;
        }

        var points = plot.Add.Scatter(filled.Select(bin => bin.MeanConfidence).ToArray(), filled.Select(bin => bin.Accuracy).ToArray());
        points.LegendText = label;
        points.MarkerSize = 7;
    }
}
