using System.Collections.Generic;
using RecipeDsl.Calibration;
using RecipeDsl.Metrics;

namespace RecipeDsl.Training;

/// <summary>What one run of a generated trainer produced.</summary>
/// <param name="TemperatureScaling">The fitted temperature and test metrics before and after it, when the recipe asks for it.</param>
public sealed record TrainingResult(
    string Recipe,
    string Device,
    int TrainCount,
    IReadOnlyList<EpochMetrics> Epochs,
    ClassificationMetrics Test,
    TemperatureScalingResult? TemperatureScaling = null)
{
    /// <summary>Where early stopping stopped and which epoch's weights the model kept, when the recipe stops early.</summary>
    public EarlyStoppingResult? EarlyStopping { get; init; }
}
