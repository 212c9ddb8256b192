namespace RecipeDsl.Language.Model;

// The YAML spelling of each member is in RecipeValues. The enums the generated code hands to the runtime
// (DataSource, DevicePreference, TrainingPrecision, SmoothingConvention, ValidationMetric) are defined once, in the runtime's source,
// and compiled into this assembly too (see the project file).

public enum TaskKind
{
    /// <summary>One label per example (the embedded digits).</summary>
    Classification,

    /// <summary>Language modelling over token sequences: every position predicts the next token.</summary>
    Sequence,
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

    /// <summary>A decoder-only causal transformer (next-token prediction).</summary>
    Transformer,

    /// <summary>The user's own module class, named by <c>model.type</c>.</summary>
    Custom,
}

public enum ModelRole { Standalone, Teacher, Student }

public enum OptimizerKind { Sgd, Adam, AdamW }
