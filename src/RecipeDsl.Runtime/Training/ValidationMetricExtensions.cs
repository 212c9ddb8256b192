using RecipeDsl.Metrics;

namespace RecipeDsl.Training;

/// <summary>What a <see cref="ValidationMetric"/> reads from metrics, and how it ranks.</summary>
public static class ValidationMetricExtensions
{
    /// <summary>The metric's value in <paramref name="metrics"/>.</summary>
    public static double Of(this ValidationMetric metric, ClassificationMetrics metrics) => metric switch
    {
        ValidationMetric.Nll => metrics.Nll,
        ValidationMetric.Ece => metrics.Ece,
        _ => metrics.Accuracy,
    };

    /// <summary>The metric turned so that higher is always better (NLL and ECE negated).</summary>
    public static double Goodness(this ValidationMetric metric, ClassificationMetrics metrics) =>
        metric == ValidationMetric.Accuracy ? metrics.Accuracy : -metric.Of(metrics);

    /// <summary>Its YAML spelling, for messages.</summary>
    public static string Spelling(this ValidationMetric metric) => metric.ToString().ToLowerInvariant();
}
