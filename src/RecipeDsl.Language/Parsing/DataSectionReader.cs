using System.Linq;
using System;
using RecipeDsl.Data;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Techniques;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// Reads the <c>data</c> section: a named dataset or the user's files in a format, the shape and classes that fix the
/// generated model's sizes, and how examples are split, normalised and augmented. Everything that can be wrong about
/// it without opening a file is reported here, at its key; the files themselves are checked when they are loaded.
/// </summary>
internal sealed class DataSectionReader
{
    /// <summary>Beyond this many classes a recipe is almost surely a mistake (a vocabulary belongs to the sequence task).</summary>
    private const int MaxClasses = 1_000_000;

    /// <summary>The most values one example (and a generated dense layer's input) may have.</summary>
    internal const long MaxExampleValues = 16_777_216;

    private readonly ValueReader _read;
    private readonly string _recipeDirectory;

    /// <param name="recipeDirectory">The recipe file's folder, against which a relative <c>data.path</c> resolves.</param>
    public DataSectionReader(ValueReader read, string recipeDirectory)
    {
        _read = read;
        _recipeDirectory = recipeDirectory;
    }

    public DataSpec Read(Section root)
    {
        var data = _read.Section(root.Value("data"), "data", root.KeySpan("data"));
        var source = ReadSource(data);
        var shape = ReadInputShape(data, source);
        var text = TextSectionReader.Read(_read, data, source);
        var classes = text is null ? ReadClasses(data, source)
            : _read.NotApplicable(data, "classes", "format 'text' predicts tokens: the tokenizer's vocabulary is the class count", text.VocabularySize);
        return new DataSpec(
            source,
            _read.Number(data, "validation_split", RecipeDefaults.ValidationSplit, NumberRange.Closed(0.01, 0.9)),
            _read.Integer(data, "batch_size", RecipeDefaults.BatchSize, NumberRange.Closed(1, 65536)),
            _read.Integer(data, "seed", RecipeDefaults.Seed, NumberRange.Closed(0, int.MaxValue)),
            LabelNoiseSection.Read(_read, data),
            _read.Enum(data, "labels", LabelQuality.Clean, RecipeValues.LabelQualities))
        {
            Path = ReadPath(data, source),
            InputShape = shape.ToEquatableArray(),
            Classes = classes,
            ClassNames = ReadClassNames(data, source, classes).ToEquatableArray(),
            LabelColumn = source == DataSource.Csv
                ? _read.String(data, "label_column") ?? RecipeDefaults.LabelColumn
                : _read.NotApplicable<string?>(data, "label_column", "it names the label column of format 'csv'", null),
            TestSplit = ReadTestSplit(data, source),
            Normalization = ReadNormalization(data, source, shape),
            Augment = ReadAugment(data, source, shape),
            Text = text,
        };
    }

    /// <summary>Exactly one of <c>dataset</c> and <c>format</c>.</summary>
    private DataSource ReadSource(Section data)
    {
        var hasDataset = data.HasValue("dataset");
        var hasFormat = data.HasValue("format");
        if (!hasDataset && !hasFormat)
        {
            _read.Report(ProblemIds.MissingKey, data.Value("dataset")?.Span ?? data.Value("format")?.Span ?? data.Span, "data.dataset",
                string.Join(", ", RecipeValues.Datasets.Select(v => v.Key)) + "; or data.format for your own files: "
                + string.Join(", ", RecipeValues.Formats.Select(v => v.Key)));
            return DataSource.Mnist;
        }

        var format = hasFormat ? _read.Enum(data, "format", DataSource.Csv, RecipeValues.Formats) : DataSource.Csv;
        if (!hasDataset)
        {
            return format;
        }

        var dataset = _read.Enum(data, "dataset", DataSource.Mnist, RecipeValues.Datasets);
        if (hasFormat)
        {
            _read.Report(ProblemIds.NotApplicable, data.KeySpan("format"), "data.format",
                "'data.dataset' already names the data; keep 'dataset' for a named dataset or 'format' with 'path' for your own files");
        }

        return dataset;
    }

    /// <summary>Required with a format; for a named dataset only its own folder may be given (Fashion-MNIST's).</summary>
    private string? ReadPath(Section data, DataSource source)
    {
        if (source.IsEmbedded())
        {
            return _read.NotApplicable<string?>(data, "path", $"dataset '{source.Spelling()}' is embedded in RecipeDsl", null);
        }

        var written = _read.String(data, "path");
        if (written is null)
        {
            if (source == DataSource.FashionMnist)
            {
                return DatasetFacts.FashionMnistPath;
            }

            if (data.Value("path") is null)
            {
                _read.Report(ProblemIds.MissingKey, data.Span, "data.path", "the file or folder of your data, relative to this recipe or absolute");
            }

            return null;
        }

        if (written.Trim().Length == 0 || written.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            _read.Report(ProblemIds.InvalidValue, data.Value("path")!.Span, "data.path", "it must be the path of a file or folder");
            return null;
        }

        // Relative to the recipe that writes it (a base's path to the base), so that a recipe and its data move together;
        // resolved here, where the folder is known (the build gives every recipe's full path). A recipe read from a
        // relative path keeps what it says.
        var directory = data.Value("path")!.Span.File is { } baseFile ? System.IO.Path.GetDirectoryName(baseFile) ?? "" : _recipeDirectory;
        return System.IO.Path.IsPathRooted(written) || !System.IO.Path.IsPathRooted(directory)
            ? written
            : System.IO.Path.Combine(directory, written);
    }

    private int[] ReadInputShape(Section data, DataSource source)
    {
        if (source == DataSource.Text)
        {
            return _read.NotApplicable(data, "input_shape", "format 'text' is token sequences", Array.Empty<int>());
        }

        if (source.IsNamed())
        {
            var facts = DatasetFacts.InputShape(source);
            if (source == DataSource.Arithmetic)
            {
                return _read.NotApplicable(data, "input_shape", "dataset 'arithmetic' is token sequences", facts);
            }

            var written = _read.Sizes(data, "input_shape", facts, maxCount: 3);
            if (!written.SequenceEqual(facts))
            {
                Contradicts(data, "input_shape", source, $"[{string.Join(", ", facts)}]");
            }

            return facts;
        }

        if (!data.Has("input_shape"))
        {
            _read.Report(ProblemIds.MissingKey, data.Span, "data.input_shape", "[C, H, W] for images, [F] for tables");
            return Array.Empty<int>();
        }

        var shape = _read.Sizes(data, "input_shape", Array.Empty<int>(), maxCount: 3);
        var span = data.Value("input_shape")!.Span;
        if (shape.Length == 2)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", "write [C, H, W] for images (such as [1, 28, 28]) or [F] for a table's features");
        }
        else if (source is DataSource.Idx or DataSource.ImageFolder && shape.Length != 3)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", $"format '{source.Spelling()}' holds images: write [C, H, W] such as [1, 28, 28]");
        }
        else if (source == DataSource.Csv && shape.Length != 1)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", "format 'csv' holds tables: write [F], the number of feature columns");
        }
        else if (source == DataSource.Idx && shape.Length == 3 && shape[0] != 1)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", "IDX images have one channel: write [1, H, W]");
        }
        else if (source == DataSource.ImageFolder && shape.Length == 3 && shape[0] is not (1 or 3))
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", "images are decoded as grayscale (C = 1) or RGB (C = 3)");
        }
        else if (shape.Aggregate(1L, (product, size) => product * size) > MaxExampleValues)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.input_shape", $"one example of more than {MaxExampleValues.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} values would not fit a batch");
        }

        return shape;
    }

    private int ReadClasses(Section data, DataSource source)
    {
        if (source.IsNamed())
        {
            var facts = DatasetFacts.Classes(source);
            if (source == DataSource.Arithmetic)
            {
                return _read.NotApplicable(data, "classes", "dataset 'arithmetic' has its own token vocabulary", facts);
            }

            if (_read.Integer(data, "classes", facts, NumberRange.Closed(2, MaxClasses)) != facts)
            {
                Contradicts(data, "classes", source, facts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return facts;
        }

        if (!data.Has("classes"))
        {
            _read.Report(ProblemIds.MissingKey, data.Span, "data.classes", "the number of classes, 2 or more");
            return 2;
        }

        return _read.Integer(data, "classes", 2, NumberRange.Closed(2, MaxClasses));
    }

    private string[] ReadClassNames(Section data, DataSource source, int classes)
    {
        if (source.IsTokens())
        {
            return _read.NotApplicable(data, "class_names", $"{Named(source)} predicts tokens, not classes", Array.Empty<string>());
        }

        var published = DatasetFacts.ClassNames(source);
        var names = _read.Strings(data, "class_names", "[cat, dog]", maxCount: Math.Min(classes, 100_000));
        if (names is null)
        {
            return published;
        }

        var span = data.Value("class_names")!.Span;
        if (names.Length != classes)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.class_names", $"it names {names.Length} classes and 'data.classes' is {classes}; give one name per class");
        }
        else if (names.Any(name => name.Trim().Length == 0))
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.class_names", "a class name is empty");
        }
        else if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            _read.Report(ProblemIds.InvalidValue, span, "data.class_names", "a class is named twice");
        }
        else if (published.Length > 0 && !names.SequenceEqual(published, StringComparer.Ordinal))
        {
            Contradicts(data, "class_names", source, "[" + string.Join(", ", published) + "]");
        }

        return names;
    }

    private double? ReadTestSplit(Section data, DataSource source)
    {
        if (source.HasFixedTestSplit())
        {
            var reason = source.IsEmbedded()
                ? $"dataset '{source.Spelling()}' keeps its fixed test split ({DatasetFacts.TestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} of its examples)"
                : $"'{source.Spelling()}' brings its own test files (t10k-*)";
            return _read.NotApplicable<double?>(data, "test_split", reason, null);
        }

        return data.Has("test_split") ? _read.Number(data, "test_split", RecipeDefaults.TestSplit, NumberRange.Closed(0.01, 0.9)) : null;
    }

    /// <summary><c>dataset</c> | <c>none</c> | <c>{ mean: [...], std: [...] }</c> with one value per channel or feature.</summary>
    private NormalizationSpec ReadNormalization(Section data, DataSource source, int[] shape)
    {
        if (source.IsTokens())
        {
            return _read.NotApplicable(data, "normalize", $"{Named(source)} is token ids", NormalizationSpec.None);
        }

        if (!data.HasValue("normalize"))
        {
            return source.IsNamed() ? DatasetFacts.PublishedNormalization(source) : NormalizationSpec.Dataset;
        }

        var node = data.Value("normalize")!;
        if (node is YamlScalar)
        {
            var kind = _read.Enum(data, "normalize", NormalizationKind.Dataset, RecipeValues.Normalizations);
            return kind == NormalizationKind.None ? NormalizationSpec.None : NormalizationSpec.Dataset;
        }

        var section = _read.Section(node, "data.normalize", data.KeySpan("normalize"));
        var mean = _read.Numbers(section, "mean", NumberRange.Closed(-1e6, 1e6), "[0.5]");
        var std = _read.Numbers(section, "std", NumberRange.OpenClosed(0, 1e6), "[0.25]");
        foreach (var (values, key) in new[] { (mean, "mean"), (std, "std") })
        {
            if (values is null && section.Value(key) is null)
            {
                _read.Report(ProblemIds.MissingKey, section.Span, "data.normalize." + key, "one number per channel (images) or feature (tables)");
            }
        }

        var channels = shape.Length == 0 ? 1 : shape[0];
        var unit = shape.Length == 3 ? "channel" : "feature";
        if (mean is not null && std is not null && (mean.Length != channels || std.Length != channels))
        {
            _read.Report(ProblemIds.InvalidValue, node.Span, "data.normalize",
                $"it gives {mean.Length} mean(s) and {std.Length} std(s) for {channels} {unit}(s); give one of each per {unit}");
        }

        return new NormalizationSpec(NormalizationKind.Fixed, (mean ?? Array.Empty<double>()).ToEquatableArray(), (std ?? Array.Empty<double>()).ToEquatableArray());
    }

    /// <summary>Training-time image augmentation: images only, since a table has no pixels to crop or mirror.</summary>
    private AugmentSpec ReadAugment(Section data, DataSource source, int[] shape)
    {
        if (!data.Has("augment"))
        {
            return AugmentSpec.None;
        }

        if (source.IsTokens() || source == DataSource.Csv || (shape.Length != 0 && shape.Length != 3))
        {
            var what = source.IsTokens() ? "token sequences" : "tabular data";
            return _read.NotApplicable(data, "augment", $"it crops and mirrors images, and this recipe trains on {what}", AugmentSpec.None);
        }

        var augment = _read.Section(data.Value("augment"), "data.augment", data.KeySpan("augment"));
        var side = shape.Length == 3 ? Math.Min(shape[1], shape[2]) : 65536;
        return new AugmentSpec(
            _read.Integer(augment, "random_crop", 0, NumberRange.Closed(0, side)),
            _read.Boolean(augment, "horizontal_flip", false));
    }

    /// <summary>"dataset 'arithmetic'" or "format 'text'", as messages name a source.</summary>
    private static string Named(DataSource source) => $"{(source.IsNamed() ? "dataset" : "format")} '{source.Spelling()}'";

    private void Contradicts(Section data, string key, DataSource source, string fact) =>
        _read.Report(ProblemIds.InvalidValue, data.Value(key)!.Span, "data." + key,
            $"dataset '{source.Spelling()}' has {key.Replace('_', ' ')} {fact}; leave the key out, or use 'format' for other data");
}
