using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecipeDsl.Training;

/// <summary>Training produced numbers that are not finite and was stopped; nothing after the last good epoch was kept.</summary>
public abstract class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// The training loss became NaN or infinite. Thrown when the epoch in which it happened ends (finding the batch costs
/// no device sync per batch), before that epoch's checkpoint is written, so the last checkpoint is the last good epoch.
/// </summary>
public sealed class NonFiniteLossException(string recipe, int epoch, int batch, int batches)
    : TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
        $"{recipe}: the training loss became NaN or infinite in epoch {epoch}, batch {batch} of {batches}; training stopped. Lower the learning rate, or check the data for extreme values."))
{
    public string Recipe { get; } = recipe;

    public int Epoch { get; } = epoch;

    /// <summary>1-based index of the first batch whose loss was not finite.</summary>
    public int Batch { get; } = batch;
}

/// <summary>Every candidate of a sweep diverged, so there is no best to name.</summary>
public sealed class SweepDivergedException(string recipe, IReadOnlyList<DivergedCandidate> diverged)
    : TrainingDivergedException($"{recipe}: every candidate of the sweep diverged ({string.Join("; ", diverged.Select(candidate => candidate.Describe()))}).")
{
    public IReadOnlyList<DivergedCandidate> Diverged { get; } = diverged;
}
