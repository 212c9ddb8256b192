namespace RecipeDsl.Language.Model;

/// <summary>A valid recipe with every default resolved. Equatable, so it can flow through a cached generator.</summary>
/// <param name="NameSpan">Where <c>name</c> is written; null when the name comes from the file name.</param>
public sealed record Recipe(
    string Name,
    SourceSpan? NameSpan,
    string? Description,
    string FileName,
    TaskKind Task,
    DataSpec Data,
    ModelSpec Model,
    TrainingSpec Training,
    LossSpec Loss);

public sealed record DataSpec(DatasetKind Dataset, double ValidationSplit, int BatchSize, int Seed);

/// <param name="HiddenSizes">Widths of the hidden dense layers (mlp), or of the dense head (cnn).</param>
/// <param name="Channels">Output channels of each conv block (cnn only; empty for mlp).</param>
/// <param name="RoleSpan">Where <c>model.role</c> is written, if it is.</param>
public sealed record ModelSpec(
    Architecture Architecture,
    EquatableArray<int> HiddenSizes,
    EquatableArray<int> Channels,
    double Dropout,
    ModelRole Role,
    SourceSpan? RoleSpan);

public sealed record TrainingSpec(int Epochs, OptimizerSpec Optimizer, DevicePreference Device);

/// <param name="Momentum">SGD momentum; 0 for Adam and AdamW.</param>
public sealed record OptimizerSpec(OptimizerKind Kind, double LearningRate, double WeightDecay, double Momentum);

/// <param name="LabelSmoothingSpan">Where the ε value is written, if it is (analyzers report there).</param>
public sealed record LossSpec(double LabelSmoothing, SourceSpan? LabelSmoothingSpan, SmoothingConvention Convention);
