using System;
using System.Collections.Generic;

namespace RecipeDsl.Data;

/// <summary>
/// Everything the runtime needs to load a recipe's classification data, as the generator resolved it from the recipe:
/// the generated <c>&lt;Name&gt;Recipe.Data</c>. The loader checks the files against it.
/// </summary>
/// <param name="Recipe">The recipe's name, for messages.</param>
/// <param name="Path">The file or folder to read (absolute, or relative to the working directory); null when embedded.</param>
/// <param name="InputShape">One example's shape: [C, H, W] or [F]; the generated model's first layer is built for it.</param>
/// <param name="Classes">The classes the generated model's output layer has.</param>
public sealed record DataDescription(string Recipe, DataSource Source, string? Path, IReadOnlyList<int> InputShape, int Classes)
{
    /// <summary>The class names the recipe (or a named dataset) gives; empty when the data names them.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = Array.Empty<string>();

    /// <summary>The CSV label column.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>The share held out for test when the data has no test split of its own; null when the recipe does not say.</summary>
    public double? TestSplit { get; init; }

    public double ValidationSplit { get; init; } = 0.1;

    public InputNormalization Normalization { get; init; } = InputNormalization.None;

    /// <summary>Share of training labels replaced by another class (<see cref="Data.LabelNoise"/>).</summary>
    public double LabelNoise { get; init; }

    /// <summary>Seeds which training labels <see cref="LabelNoise"/> corrupts.</summary>
    public int NoiseSeed { get; init; }

    /// <summary>The share held out for test when the recipe does not say.</summary>
    public const double DefaultTestSplit = 0.2;
}

/// <summary>How inputs are scaled before the model sees them. Images are first scaled from bytes to [0, 1].</summary>
public sealed record InputNormalization
{
    private InputNormalization(bool fromTrainingSplit, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        FromTrainingSplit = fromTrainingSplit;
        Mean = mean;
        Std = std;
    }

    /// <summary>Inputs as stored (images scaled to [0, 1]).</summary>
    public static InputNormalization None { get; } = new(false, Array.Empty<double>(), Array.Empty<double>());

    /// <summary>Per-channel (images) or per-feature (tables) mean and standard deviation of the training split.</summary>
    public static InputNormalization Dataset { get; } = new(true, Array.Empty<double>(), Array.Empty<double>());

    /// <summary>Given statistics, one per channel or feature.</summary>
    public static InputNormalization Fixed(IReadOnlyList<double> mean, IReadOnlyList<double> std) => new(false, mean, std);

    public bool FromTrainingSplit { get; }

    public IReadOnlyList<double> Mean { get; }

    public IReadOnlyList<double> Std { get; }
}
