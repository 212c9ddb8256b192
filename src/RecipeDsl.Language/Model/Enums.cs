namespace RecipeDsl.Language.Model;

// The YAML spelling of each member is in RecipeValues.

public enum TaskKind
{
    /// <summary>One label per example (the embedded digits).</summary>
    Classification,

    /// <summary>Language modelling over token sequences: every position predicts the next token.</summary>
    Sequence,
}

public enum DatasetKind
{
    /// <summary>The 10,000 embedded MNIST digits (classification).</summary>
    Mnist,

    /// <summary>A synthetic, deterministic corpus of sums written out as characters, "BOS 27+58=85 EOS" (sequence).</summary>
    Arithmetic,
}

/// <summary>What a recipe declares about its labels (<c>data.labels</c>).</summary>
public enum LabelQuality { Clean, Noisy }

public enum Architecture
{
    Mlp,
    Cnn,
    Gru,

    /// <summary>The user's own module class, named by <c>model.type</c>.</summary>
    Custom,
}

public enum ModelRole { Standalone, Teacher, Student }

public enum OptimizerKind { Sgd, Adam, AdamW }

public enum DevicePreference { Auto, Cpu, Cuda }

/// <summary>How ε is spread over the classes.</summary>
public enum SmoothingConvention
{
    /// <summary>PyTorch's <c>label_smoothing</c>: target = (1−ε)·onehot + ε/K.</summary>
    Uniform,

    /// <summary>fairseq's convention: 1−ε on the true class, ε/(K−1) on each other class.</summary>
    OffTarget,
}

/// <summary>The validation metric a sweep ranks its candidates by.</summary>
public enum SweepMetric { Accuracy, Nll, Ece }
