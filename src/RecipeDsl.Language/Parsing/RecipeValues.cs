using System.Collections.Generic;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Language.Model;
using RecipeDsl.Losses;
using RecipeDsl.Training;

namespace RecipeDsl.Language.Parsing;

/// <summary>The YAML spelling of every enumerated value (the schema's enums must match these).</summary>
public static class RecipeValues
{
    public static readonly IReadOnlyList<KeyValuePair<string, TaskKind>> Tasks = Pairs(("classification", TaskKind.Classification), ("sequence", TaskKind.Sequence));

    /// <summary><c>data.dataset</c>: the named datasets.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, DataSource>> Datasets =
        Pairs(("mnist", DataSource.Mnist), ("arithmetic", DataSource.Arithmetic), ("fashion_mnist", DataSource.FashionMnist));

    /// <summary><c>data.format</c>: the user's own files.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, DataSource>> Formats =
        Pairs(("idx", DataSource.Idx), ("image_folder", DataSource.ImageFolder), ("csv", DataSource.Csv), ("safetensors", DataSource.Safetensors),
            ("text", DataSource.Text));

    /// <summary><c>data.tokenizer</c> of format text.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, TokenizerKind>> Tokenizers =
        Pairs(("bytes", TokenizerKind.Bytes), ("chars", TokenizerKind.Chars), ("cl100k", TokenizerKind.Cl100k), ("o200k", TokenizerKind.O200k));

    /// <summary><c>data.normalize</c> as a word; a mapping of mean and std is the third, fixed, form.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, NormalizationKind>> Normalizations =
        Pairs(("dataset", NormalizationKind.Dataset), ("none", NormalizationKind.None));

    public static readonly IReadOnlyList<KeyValuePair<string, LabelQuality>> LabelQualities = Pairs(("clean", LabelQuality.Clean), ("noisy", LabelQuality.Noisy));

    public static readonly IReadOnlyList<KeyValuePair<string, Architecture>> Architectures = Pairs(("mlp", Architecture.Mlp), ("cnn", Architecture.Cnn), ("gru", Architecture.Gru), ("transformer", Architecture.Transformer));

    public static readonly IReadOnlyList<KeyValuePair<string, ModelRole>> Roles =
        Pairs(("standalone", ModelRole.Standalone), ("teacher", ModelRole.Teacher), ("student", ModelRole.Student));

    public static readonly IReadOnlyList<KeyValuePair<string, OptimizerKind>> Optimizers =
        Pairs(("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW));

    public static readonly IReadOnlyList<KeyValuePair<string, DevicePreference>> Devices =
        Pairs(("auto", DevicePreference.Auto), ("cpu", DevicePreference.Cpu), ("cuda", DevicePreference.Cuda));

    public static readonly IReadOnlyList<KeyValuePair<string, TrainingPrecision>> Precisions =
        Pairs(("fp32", TrainingPrecision.Fp32), ("tf32", TrainingPrecision.Tf32), ("bf16", TrainingPrecision.Bf16));

    public static readonly IReadOnlyList<KeyValuePair<string, SmoothingConvention>> SmoothingConventions =
        Pairs(("uniform", SmoothingConvention.Uniform), ("off_target", SmoothingConvention.OffTarget));

    public static readonly IReadOnlyList<KeyValuePair<string, ValidationMetric>> ValidationMetrics =
        Pairs(("accuracy", ValidationMetric.Accuracy), ("nll", ValidationMetric.Nll), ("ece", ValidationMetric.Ece));

    public static string Spelling(this TaskKind value) => SpellingIn(Tasks, value);

    /// <summary>How the recipe names the source: a dataset's name or a format's.</summary>
    public static string Spelling(this DataSource value) => value.IsNamed() ? SpellingIn(Datasets, value) : SpellingIn(Formats, value);

    public static string Spelling(this Architecture value) => SpellingIn(Architectures, value);

    public static string Spelling(this TokenizerKind value) => SpellingIn(Tokenizers, value);

    public static string Spelling(this ModelRole value) => SpellingIn(Roles, value);

    public static string Spelling(this OptimizerKind value) => SpellingIn(Optimizers, value);

    public static string Spelling(this DevicePreference value) => SpellingIn(Devices, value);

    public static string Spelling(this TrainingPrecision value) => SpellingIn(Precisions, value);

    public static string Spelling(this SmoothingConvention value) => SpellingIn(SmoothingConventions, value);

    public static string Spelling(this LabelQuality value) => SpellingIn(LabelQualities, value);

    public static string Spelling(this ValidationMetric value) => SpellingIn(ValidationMetrics, value);

    private static string SpellingIn<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
    {
        foreach (var pair in table)
        {
            if (EqualityComparer<T>.Default.Equals(pair.Value, value))
            {
                return pair.Key;
            }
        }

        throw new System.ArgumentOutOfRangeException(nameof(value), value, "No YAML spelling for this value.");
    }

    private static KeyValuePair<string, T>[] Pairs<T>(params (string Name, T Value)[] pairs)
    {
        var result = new KeyValuePair<string, T>[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            result[i] = new KeyValuePair<string, T>(pairs[i].Name, pairs[i].Value);
        }

        return result;
    }
}
