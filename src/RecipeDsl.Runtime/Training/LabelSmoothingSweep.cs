using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Metrics;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>One trained candidate of a sweep.</summary>
public sealed record SweepCandidate(double LabelSmoothing, TrainingResult Result)
{
    public ClassificationMetrics Validation => Result.Epochs[^1].Validation;
}

/// <summary>A candidate that could not be ranked: its training diverged, or its ranking metric is not a number.</summary>
public sealed record DivergedCandidate(double LabelSmoothing, string Reason)
{
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ε = {LabelSmoothing:R}: {Reason}");
}

/// <param name="Candidates">The candidates that trained to finite metrics, in the order they ran.</param>
/// <param name="Diverged">The candidates that did not, with why; never named best.</param>
public sealed record SweepResult(string Recipe, ValidationMetric Metric, IReadOnlyList<SweepCandidate> Candidates, SweepCandidate Best, IReadOnlyList<DivergedCandidate> Diverged);

/// <summary>
/// An ε sweep (the seed article's <c>find_best_smoothing</c>, minus its bugs): every candidate starts from the very
/// same initial weights, is scored on validation accuracy, NLL and ECE, and the best is named by the chosen metric.
/// </summary>
public static class LabelSmoothingSweep
{
    /// <param name="createModel">Builds a model; its weights are replaced by the shared initial ones.</param>
    /// <param name="train">Trains a model with the given ε.</param>
    public static SweepResult Run<TModel>(
        string recipe,
        IReadOnlyList<double> candidates,
        ValidationMetric metric,
        Func<TModel> createModel,
        Func<TModel, double, TrainingResult> train)
        where TModel : nn.Module
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one candidate ε.", nameof(candidates));
        }

        using var initial = createModel();
        var initialState = initial.state_dict();
        var results = new List<SweepCandidate>(candidates.Count);
        var diverged = new List<DivergedCandidate>();
        foreach (var epsilon in candidates)
        {
            using var model = createModel();
            model.load_state_dict(initialState);
            try
            {
                var candidate = new SweepCandidate(epsilon, train(model, epsilon));
                if (double.IsFinite(metric.Of(candidate.Validation)))
                {
                    results.Add(candidate);
                }
                else
                {
                    diverged.Add(new DivergedCandidate(epsilon, $"validation {metric.Spelling()} is {metric.Of(candidate.Validation)}"));
                }
            }
            catch (NonFiniteLossException e)
            {
                diverged.Add(new DivergedCandidate(epsilon, $"the training loss became NaN or infinite in epoch {e.Epoch}, batch {e.Batch}"));
            }
        }

        if (results.Count == 0)
        {
            throw new SweepDivergedException(recipe, diverged);
        }

        var best = results.OrderByDescending(c => metric.Goodness(c.Validation)).First();
        return new SweepResult(recipe, metric, results, best, diverged);
    }

}
