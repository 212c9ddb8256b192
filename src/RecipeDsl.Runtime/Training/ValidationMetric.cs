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
