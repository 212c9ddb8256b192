using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Metrics;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>The validation metric a sweep ranks its candidates by.</summary>
public enum SweepMetric
{
    /// <summary>Highest validation accuracy.</summary>
    Accuracy,

    /// <summary>Lowest validation negative log-likelihood.</summary>
    Nll,

    /// <summary>Lowest validation expected calibration error.</summary>
    Ece,
}

/// <summary>One trained candidate of a sweep.</summary>
public sealed record SweepCandidate(double LabelSmoothing, TrainingResult Result)
{
    public ClassificationMetrics Validation => Result.Epochs[^1].Validation;
}

public sealed record SweepResult(string Recipe, SweepMetric Metric, IReadOnlyList<SweepCandidate> Candidates, SweepCandidate Best);

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
        SweepMetric metric,
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
        foreach (var epsilon in candidates)
        {
            using var model = createModel();
            model.load_state_dict(initialState);
            results.Add(new SweepCandidate(epsilon, train(model, epsilon)));
        }

        var best = metric switch
        {
            SweepMetric.Nll => results.OrderBy(c => c.Validation.Nll).First(),
            SweepMetric.Ece => results.OrderBy(c => c.Validation.Ece).First(),
            _ => results.OrderByDescending(c => c.Validation.Accuracy).First(),
        };
        return new SweepResult(recipe, metric, results, best);
    }
}
