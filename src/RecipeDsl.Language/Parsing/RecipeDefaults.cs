using RecipeDsl.Language.Model;
using RecipeDsl.Training;

namespace RecipeDsl.Language.Parsing;

/// <summary>The value of every optional key when a recipe leaves it out (documented in the README and schema).</summary>
public static class RecipeDefaults
{
    public const double ValidationSplit = 0.1;
    public const int BatchSize = 64;
    public const int Seed = 42;
    public const int Epochs = 3;
    public const double LabelSmoothing = 0.0;

    public static readonly int[] MlpHiddenSizes = { 256 };
    public static readonly int[] CnnHiddenSizes = { 128 };
    public static readonly int[] CnnChannels = { 16, 32 };

    /// <summary>A small decoder that trains on two CPU cores in minutes.</summary>
    public const int TransformerLayers = 2;
    public const int TransformerHeads = 4;
    public const int TransformerWidth = 128;

    public const OptimizerKind Optimizer = OptimizerKind.AdamW;

    public static double LearningRate(OptimizerKind kind) => kind == OptimizerKind.Sgd ? 0.05 : 0.001;

    public static double WeightDecay(OptimizerKind kind) => kind == OptimizerKind.AdamW ? 0.01 : 0.0;

    public const double SgdMomentum = 0.9;

    /// <summary>The CSV column read as labels when <c>data.label_column</c> is left out.</summary>
    public const string LabelColumn = "label";

    /// <summary>The share held out for test from data that has no test split of its own.</summary>
    public const double TestSplit = 0.2;

    /// <summary>The article's standard Mixup strength.</summary>
    public const double MixupAlpha = 0.2;
    public const double MixupProbability = 1.0;

    /// <summary>The seed article's DistillationLoss defaults.</summary>
    public const double DistillationTemperature = 4.0;
    public const double DistillationAlpha = 0.7;

    public const int CalibrationBins = 15;

    /// <summary>The Hugging Face / PyTorch convention for positions that carry no target (padding).</summary>
    public const int IgnoreIndex = -100;

    public static readonly int[] GruHiddenSizes = { 128 };

    public const ValidationMetric SweepMetricDefault = ValidationMetric.Accuracy;
}
