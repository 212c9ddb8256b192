using RecipeDsl.Metrics;

namespace RecipeDsl.Training;

/// <summary>A validation metric that ranks models: a sweep's candidates, or the epochs early stopping compares.</summary>
public enum ValidationMetric
{
    /// <summary>Highest validation accuracy.</summary>
    Accuracy,

    /// <summary>Lowest validation negative log-likelihood.</summary>
    Nll,

    /// <summary>Lowest validation expected calibration error.</summary>
    Ece,
}

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
