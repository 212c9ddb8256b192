using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// Every key the recipe language accepts, by section. The parser rejects anything else, suggests the
/// nearest key, and a test checks that <c>recipes/recipe.schema.json</c> lists exactly these keys.
/// </summary>
public static class RecipeKeys
{
    public static readonly IReadOnlyList<string> Root = new[]
    {
        "name", "description", "extends", "task", "data", "model", "training", "loss", "mixup", "distillation", "calibration", "sweep",
    };

    public static readonly IReadOnlyList<string> Data = new[]
    {
        "dataset", "format", "path", "input_shape", "classes", "class_names", "label_column", "test_split", "normalize", "augment",
        "validation_split", "batch_size", "seed", "label_noise", "labels", "tokenizer", "sequence_length", "vocab_size", "files",
    };

    /// <summary>The mapping form of <c>data.normalize</c>; its word forms are in <see cref="RecipeValues.Normalizations"/>.</summary>
    public static readonly IReadOnlyList<string> Normalize = new[] { "mean", "std" };

    public static readonly IReadOnlyList<string> Augment = new[] { "random_crop", "horizontal_flip" };

    public static readonly IReadOnlyList<string> Model = new[] { "architecture", "type", "hidden_sizes", "channels", "dropout", "role", "pretrained", "layers", "heads", "d_model", "tie_embeddings" };

    public static readonly IReadOnlyList<string> Training = new[] { "epochs", "optimizer", "schedule", "grad_clip_norm", "early_stopping", "device", "precision" };

    public static readonly IReadOnlyList<string> Optimizer = new[] { "type", "lr", "weight_decay", "momentum" };

    /// <summary><c>class_smoothing</c> is a mapping from class index to ε; its keys are data, not language.</summary>
    public static readonly IReadOnlyList<string> Loss = new[] { "type", "focal_gamma", "label_smoothing", "smoothing_convention", "class_smoothing", "ignore_index" };

    public static readonly IReadOnlyList<string> Mixup = new[] { "alpha", "prob", "label_smoothing" };

    public static readonly IReadOnlyList<string> Distillation = new[] { "teacher", "temperature", "alpha" };

    public static readonly IReadOnlyList<string> Calibration = new[] { "temperature_scaling", "bins" };

    public static readonly IReadOnlyList<string> Sweep = new[] { "label_smoothing", "epochs", "metric" };

    /// <summary>Every section path with its keys ("" is the root).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Sections = new Dictionary<string, IReadOnlyList<string>>
    {
        [""] = Root,
        ["data"] = Data,
        ["data.normalize"] = Normalize,
        ["data.augment"] = Augment,
        ["model"] = Model,
        ["training"] = Training,
        ["training.optimizer"] = Optimizer,
        ["training.schedule"] = LearningRateScheduleSection.Keys,
        ["training.early_stopping"] = EarlyStoppingSection.Keys,
        ["loss"] = Loss,
        ["mixup"] = Mixup,
        ["distillation"] = Distillation,
        ["calibration"] = Calibration,
        ["sweep"] = Sweep,
    };

    /// <summary>Every full key path, such as <c>loss.label_smoothing</c>.</summary>
    public static IEnumerable<string> AllPaths =>
        Sections.SelectMany(section => section.Value.Select(key => section.Key.Length == 0 ? key : section.Key + "." + key));
}
