namespace RecipeDsl.Language.Model;

// The YAML spelling of each member is in RecipeValues.

public enum TaskKind
{
    /// <summary>One label per example (the embedded digits).</summary>
    Classification,

    /// <summary>Language modelling over token sequences: every position predicts the next token.</summary>
    Sequence,
}

/// <summary>
/// Where a recipe's examples come from: a named dataset (<c>data.dataset</c>) or the user's files in a format
/// (<c>data.format</c>). One enum, so that every later decision is one switch.
/// </summary>
public enum DataSource
{
    /// <summary>The 10,000 embedded MNIST digits (classification).</summary>
    Mnist,

    /// <summary>A synthetic, deterministic corpus of sums written out as characters, "BOS 27+58=85 EOS" (sequence).</summary>
    Arithmetic,

    /// <summary>Zalando's Fashion-MNIST: 60,000 + 10,000 IDX images of 10 clothing classes, read from files.</summary>
    FashionMnist,

    /// <summary>A folder in the MNIST layout: train-/t10k- images and labels in IDX files, optionally gzipped.</summary>
    Idx,

    /// <summary>torchvision's ImageFolder convention: one subfolder of images per class, optionally under train/ and test/.</summary>
    ImageFolder,

    /// <summary>A table with a header row: numeric feature columns and one label column.</summary>
    Csv,

    /// <summary>Tensors train_inputs, train_labels (and test_inputs, test_labels) in one safetensors file.</summary>
    Safetensors,
}

/// <summary>How inputs are scaled before the model sees them (<c>data.normalize</c>).</summary>
public enum NormalizationKind
{
    /// <summary>Per-channel (images) or per-feature (tables) mean and standard deviation of the training split.</summary>
    Dataset,

    /// <summary>Inputs as stored (images still scaled to [0, 1]).</summary>
    None,

    /// <summary>The mean and standard deviation written in the recipe (a named dataset's published ones by default).</summary>
    Fixed,
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

/// <summary>A validation metric that ranks models: a sweep's candidates, or early stopping's epochs.</summary>
public enum ValidationMetric { Accuracy, Nll, Ece }
