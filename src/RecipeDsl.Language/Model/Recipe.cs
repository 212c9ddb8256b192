using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Language.Techniques;
using RecipeDsl.Losses;
using RecipeDsl.Training;

namespace RecipeDsl.Language.Model;

/// <summary>
/// A valid recipe with every default resolved: settings only, equatable, so it can flow through a cached generator.
/// Where each key is written is kept beside it, in <see cref="RecipeLocations"/>.
/// </summary>
/// <param name="Mixup">The <c>mixup</c> section, or null when the recipe has none.</param>
/// <param name="Distillation">The <c>distillation</c> section of a student, or null.</param>
/// <param name="Sweep">The <c>sweep</c> section, or null.</param>
public sealed record Recipe(
    string Name,
    string? Description,
    string FileName,
    TaskKind Task,
    DataSpec Data,
    ModelSpec Model,
    TrainingSpec Training,
    LossSpec Loss,
    MixupSpec? Mixup,
    DistillationSpec? Distillation,
    CalibrationSpec Calibration,
    SweepSpec? Sweep)
{
    /// <summary>The number of classes of the recipe's data, or the token vocabulary of a sequence corpus.</summary>
    public int Classes => Data.Classes;

    /// <summary>The files the recipe extends (<c>extends</c>), nearest first; empty when it extends none.</summary>
    public EquatableArray<string> Bases { get; init; }
}

/// <param name="Source">The named dataset or file format the examples come from.</param>
/// <param name="LabelNoise">Share of training labels replaced by another class (seeded), to study noisy labels.</param>
/// <param name="Labels">What the recipe declares about its labels' quality.</param>
public sealed record DataSpec(DataSource Source, double ValidationSplit, int BatchSize, int Seed, double LabelNoise, LabelQuality Labels)
{
    /// <summary>
    /// The file or folder to read, resolved against the recipe file's folder when written relative; null for the
    /// embedded datasets.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>The shape of one example: [C, H, W] for images, [F] for tables; empty for token sequences.</summary>
    public EquatableArray<int> InputShape { get; init; }

    /// <summary>Classes of a classification dataset, or the vocabulary size of a sequence corpus.</summary>
    public int Classes { get; init; }

    /// <summary>The name of each class when the recipe (or a named dataset) gives them; empty when found at load time.</summary>
    public EquatableArray<string> ClassNames { get; init; }

    /// <summary>The CSV column holding the labels (csv only).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The share held out for test when the source has no test split of its own; null when not written.</summary>
    public double? TestSplit { get; init; }

    public NormalizationSpec Normalization { get; init; } = NormalizationSpec.None;

    public AugmentSpec Augment { get; init; } = AugmentSpec.None;

    /// <summary>How text becomes token windows (<c>data.format: text</c>); null for every other source.</summary>
    public TextSpec? Text { get; init; }
}

/// <param name="Files">The file-name pattern of a folder's documents.</param>
/// <param name="SequenceLength">Tokens each training window predicts.</param>
/// <param name="VocabularySize">The tokenizer's id count: fixed for bytes, cl100k and o200k, declared for chars.</param>
public sealed record TextSpec(TokenizerKind Tokenizer, int SequenceLength, string Files, int VocabularySize);

/// <param name="Mean">One mean per channel (images) or feature (tables), for <see cref="NormalizationKind.Fixed"/>.</param>
/// <param name="Std">One standard deviation per channel or feature, each positive.</param>
public sealed record NormalizationSpec(NormalizationKind Kind, EquatableArray<double> Mean, EquatableArray<double> Std)
{
    public static NormalizationSpec None { get; } = new(NormalizationKind.None, EquatableArray<double>.Empty, EquatableArray<double>.Empty);

    public static NormalizationSpec Dataset { get; } = new(NormalizationKind.Dataset, EquatableArray<double>.Empty, EquatableArray<double>.Empty);
}

/// <param name="RandomCrop">Pad each side by this many pixels and crop back at a random offset; 0 is off.</param>
/// <param name="HorizontalFlip">Mirror half the training images, chosen at random.</param>
public sealed record AugmentSpec(int RandomCrop, bool HorizontalFlip)
{
    public static AugmentSpec None { get; } = new(0, false);

    public bool Any => RandomCrop > 0 || HorizontalFlip;
}

/// <param name="HiddenSizes">Widths of the hidden dense layers (mlp), or of the dense head (cnn).</param>
/// <param name="Channels">Output channels of each conv block (cnn only; empty for mlp).</param>
/// <param name="Dropout">The dropout probability after each hidden dense layer (one per entry of <paramref name="HiddenSizes"/>).</param>
/// <param name="Type">The full name of the user's module class (<c>model.type</c>) when the architecture is custom.</param>
public sealed record ModelSpec(
    Architecture Architecture,
    EquatableArray<int> HiddenSizes,
    EquatableArray<int> Channels,
    EquatableArray<double> Dropout,
    ModelRole Role,
    string? Type = null)
{
    /// <summary>Weights to start from (<c>model.pretrained</c>): a file saved with <c>--save-model</c>, or null.</summary>
    public string? Pretrained { get; init; }

    /// <summary>The decoder's shape when the architecture is <see cref="Architecture.Transformer"/>; null otherwise.</summary>
    public TransformerSpec? Transformer { get; init; }
}

/// <param name="Layers">Decoder blocks.</param>
/// <param name="Heads">Attention heads per block; <paramref name="Width"/> is a multiple of it.</param>
/// <param name="Width">d_model: every position's vector width.</param>
/// <param name="TieEmbeddings">Whether the output layer reuses the token embedding's weights (GPT-2, Press and Wolf 2017).</param>
public sealed record TransformerSpec(int Layers, int Heads, int Width, bool TieEmbeddings);

public sealed record TrainingSpec(int Epochs, OptimizerSpec Optimizer, DevicePreference Device)
{
    /// <summary>How the learning rate changes over training (<c>training.schedule</c>), or null for a constant rate.</summary>
    public ScheduleSpec? Schedule { get; init; }

    /// <summary>The largest total gradient norm of a step (<c>training.grad_clip_norm</c>), or null: no clipping.</summary>
    public double? GradClipNorm { get; init; }

    /// <summary>When to stop before <see cref="Epochs"/> (<c>training.early_stopping</c>), or null: train every epoch.</summary>
    public EarlyStoppingSpec? EarlyStopping { get; init; }

    /// <summary>The arithmetic of training's forward and backward passes (<c>training.precision</c>).</summary>
    public TrainingPrecision Precision { get; init; }
}

/// <param name="Momentum">SGD momentum; 0 for Adam and AdamW.</param>
public sealed record OptimizerSpec(OptimizerKind Kind, double LearningRate, double WeightDecay, double Momentum);

/// <param name="ClassSmoothing">ε per true class (one per class) when <c>loss.class_smoothing</c> is given; empty otherwise.</param>
/// <param name="IgnoreIndex">The target value of positions that count for nothing (sequence padding).</param>
public sealed record LossSpec(
    double LabelSmoothing,
    SmoothingConvention Convention,
    EquatableArray<double> ClassSmoothing,
    int IgnoreIndex)
{
    /// <summary>Cross-entropy or focal loss (<c>loss.type</c>).</summary>
    public LossKind Kind { get; init; } = LossKind.CrossEntropy;

    /// <summary>Focal loss's γ; 0 for cross-entropy.</summary>
    public double FocalGamma { get; init; }

    /// <summary>Whether any class is smoothed at all.</summary>
    public bool Smooths => LabelSmoothing > 0 || System.Linq.Enumerable.Any(ClassSmoothing, epsilon => epsilon > 0);
}

/// <param name="Alpha">λ ~ Beta(α, α).</param>
/// <param name="Probability">Chance that a batch is mixed at all.</param>
/// <param name="LabelSmoothing">timm's <c>Mixup(label_smoothing=…)</c>: smoothing of the mixed targets, on top of any
/// <c>loss.label_smoothing</c> (both at once is double smoothing, RD1003).</param>
public sealed record MixupSpec(double Alpha, double Probability, double LabelSmoothing = 0)
{
    /// <summary>
    /// The one ε the targets end up smoothed with: smoothing by a and then by b equals smoothing once by
    /// 1 − (1 − a)(1 − b) (exactly, in the uniform convention).
    /// </summary>
    public double EffectiveSmoothing(double lossSmoothing) => 1 - (1 - LabelSmoothing) * (1 - lossSmoothing);
}

/// <param name="Teacher">The name of the teacher recipe.</param>
/// <param name="Alpha">Weight of the soft (teacher) term; the hard-label term gets 1 − α.</param>
public sealed record DistillationSpec(string Teacher, double Temperature, double Alpha);

/// <param name="Bins">Equal-width confidence bins of every ECE the recipe reports.</param>
public sealed record CalibrationSpec(bool TemperatureScaling, int Bins);

/// <param name="LabelSmoothing">The ε candidates, each trained from the same initial weights.</param>
public sealed record SweepSpec(EquatableArray<double> LabelSmoothing, int Epochs, ValidationMetric Metric);
