using System.Collections.Generic;
using RecipeDsl.Metrics;

namespace RecipeDsl.Training;

/// <summary>What one run of a generated trainer produced.</summary>
public sealed record TrainingResult(string Recipe, string Device, int TrainCount, IReadOnlyList<EpochMetrics> Epochs, ClassificationMetrics Test);
