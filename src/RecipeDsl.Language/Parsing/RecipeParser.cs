using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;
using YamlDotNet.Core;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// Turns the text of a <c>*.recipe.yaml</c> file into a <see cref="Recipe"/>. Never throws on bad input:
/// every mistake becomes a located <see cref="RecipeProblem"/>, and the recipe is null if there is any.
/// </summary>
public static class RecipeParser
{
    public const string FileSuffix = ".recipe.yaml";
    public const string AlternateFileSuffix = ".recipe.yml";

    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static bool IsRecipeFile(string path) =>
        path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(AlternateFileSuffix, StringComparison.OrdinalIgnoreCase);

    public static RecipeParseResult Parse(string path, string text)
    {
        var fileName = Path.GetFileName(path);
        var problems = new List<RecipeProblem>();
        var root = YamlTreeReader.Read(text, problems);
        Recipe? recipe = null;
        if (problems.Count == 0)
        {
            var reader = new Reader(problems);
            var parsed = reader.ReadRecipe(root, fileName);
            recipe = problems.Count == 0 ? parsed : null;
        }

        return new RecipeParseResult(fileName, recipe, problems.ToEquatableArray());
    }

    /// <summary>"mnist-mlp.recipe.yaml" → "MnistMlp".</summary>
    public static string NameFromFileName(string fileName)
    {
        var stem = fileName;
        foreach (var suffix in new[] { FileSuffix, AlternateFileSuffix })
        {
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem.Substring(0, stem.Length - suffix.Length);
            }
        }

        var builder = new StringBuilder();
        foreach (var part in stem.Split(new[] { '-', '_', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
        }

        return builder.ToString();
    }

    /// <summary>Each conv block halves the 28×28 input; after four it is 1×1.</summary>
    public const int MaxConvBlocks = 4;

    private static readonly SourceSpan FileStart = new(0, 0, 0, 0, 0, 0);

    /// <summary>A mapping of the recipe with the keys it has, checked against the keys its section allows.</summary>
    private sealed class Section
    {
        public Section(string path, SourceSpan span, Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> entries)
        {
            Path = path;
            Span = span;
            Entries = entries;
        }

        public string Path { get; }

        /// <summary>Where to report a key missing from this section: the section's key, or the file start.</summary>
        public SourceSpan Span { get; }

        public Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> Entries { get; }

        public string PathOf(string key) => Path.Length == 0 ? key : Path + "." + key;

        public YamlNode? Value(string key) => Entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    private sealed class Reader
    {
        private readonly List<RecipeProblem> _problems;

        public Reader(List<RecipeProblem> problems) => _problems = problems;

        public Recipe ReadRecipe(YamlNode? rootNode, string fileName)
        {
            var root = ReadSection(rootNode, "", FileStart);
            var name = ReadName(root, fileName);
            var description = ReadString(root, "description");
            var task = ReadEnum(root, "task", TaskKind.Classification, RecipeValues.Tasks);

            var dataSection = ReadSection(root.Value("data"), "data", KeySpan(root, "data"));
            var data = new DataSpec(
                ReadEnum(dataSection, "dataset", DatasetKind.Mnist, RecipeValues.Datasets, required: true),
                ReadNumber(dataSection, "validation_split", RecipeDefaults.ValidationSplit, NumberRange.Closed(0.01, 0.9)),
                ReadInteger(dataSection, "batch_size", RecipeDefaults.BatchSize, NumberRange.Closed(1, 65536)),
                ReadInteger(dataSection, "seed", RecipeDefaults.Seed, NumberRange.Closed(0, int.MaxValue)));

            var modelSection = ReadSection(root.Value("model"), "model", KeySpan(root, "model"));
            var architecture = ReadEnum(modelSection, "architecture", Architecture.Mlp, RecipeValues.Architectures, required: true);
            var defaultHidden = architecture == Architecture.Cnn ? RecipeDefaults.CnnHiddenSizes : RecipeDefaults.MlpHiddenSizes;
            var channels = architecture == Architecture.Cnn
                ? ReadSizes(modelSection, "channels", RecipeDefaults.CnnChannels, maxCount: MaxConvBlocks)
                : NotApplicable(modelSection, "channels", "it applies only to architecture 'cnn'", Array.Empty<int>());
            var model = new ModelSpec(
                architecture,
                ReadSizes(modelSection, "hidden_sizes", defaultHidden).ToEquatableArray(),
                channels.ToEquatableArray(),
                ReadNumber(modelSection, "dropout", RecipeDefaults.Dropout, NumberRange.HalfOpen(0, 1)),
                ReadEnum(modelSection, "role", ModelRole.Standalone, RecipeValues.Roles),
                modelSection.Value("role")?.Span);

            var trainingSection = ReadSection(root.Value("training"), "training", KeySpan(root, "training"));
            var training = new TrainingSpec(
                ReadInteger(trainingSection, "epochs", RecipeDefaults.Epochs, NumberRange.Closed(1, 10000)),
                ReadOptimizer(trainingSection),
                ReadEnum(trainingSection, "device", DevicePreference.Auto, RecipeValues.Devices));

            var lossSection = ReadSection(root.Value("loss"), "loss", KeySpan(root, "loss"));
            var loss = new LossSpec(
                ReadNumber(lossSection, "label_smoothing", RecipeDefaults.LabelSmoothing, NumberRange.HalfOpen(0, 1)),
                lossSection.Value("label_smoothing")?.Span,
                ReadEnum(lossSection, "smoothing_convention", SmoothingConvention.Uniform, RecipeValues.SmoothingConventions));

            return new Recipe(name, root.Value("name")?.Span, description, fileName, task, data, model, training, loss);
        }

        private string ReadName(Section root, string fileName)
        {
            var node = root.Value("name");
            if (node is null)
            {
                var derived = NameFromFileName(fileName);
                if (!Identifier.IsMatch(derived))
                {
                    Report(ProblemIds.InvalidName, FileStart, derived, $"derived from the file name '{fileName}'; add a 'name:' key");
                }

                return derived;
            }

            if (node is YamlScalar { IsNull: true })
            {
                Report(ProblemIds.WrongType, node.Span, "name", "a C# identifier", Describe(node));
                return "";
            }

            var name = ReadString(root, "name");
            if (name is not null && !Identifier.IsMatch(name))
            {
                Report(ProblemIds.InvalidName, node.Span, name, "given by 'name'");
            }

            return name ?? "";
        }

        private OptimizerSpec ReadOptimizer(Section training)
        {
            var node = training.Value("optimizer");
            if (node is YamlScalar { IsNull: false })
            {
                // Shorthand: "optimizer: sgd" takes that optimizer's defaults.
                var shorthand = ReadEnum(training, "optimizer", RecipeDefaults.Optimizer, RecipeValues.Optimizers);
                return Defaults(shorthand);
            }

            var section = ReadSection(node, "training.optimizer", KeySpan(training, "optimizer"));
            var kind = ReadEnum(section, "type", RecipeDefaults.Optimizer, RecipeValues.Optimizers);
            var momentum = kind == OptimizerKind.Sgd
                ? ReadNumber(section, "momentum", RecipeDefaults.SgdMomentum, NumberRange.HalfOpen(0, 1))
                : NotApplicable(section, "momentum", "it applies only to type 'sgd'", 0.0);
            return new OptimizerSpec(
                kind,
                ReadNumber(section, "lr", RecipeDefaults.LearningRate(kind), NumberRange.OpenClosed(0, 10)),
                ReadNumber(section, "weight_decay", RecipeDefaults.WeightDecay(kind), NumberRange.Closed(0, 1)),
                momentum);

            static OptimizerSpec Defaults(OptimizerKind kind) => new(
                kind,
                RecipeDefaults.LearningRate(kind),
                RecipeDefaults.WeightDecay(kind),
                kind == OptimizerKind.Sgd ? RecipeDefaults.SgdMomentum : 0.0);
        }

        private Section ReadSection(YamlNode? node, string path, SourceSpan spanIfMissing)
        {
            var entries = new Dictionary<string, KeyValuePair<YamlScalar, YamlNode>>(StringComparer.Ordinal);
            if (node is null || node is YamlScalar { IsNull: true })
            {
                return new Section(path, spanIfMissing, entries);
            }

            if (node is not YamlMapping mapping)
            {
                Report(ProblemIds.WrongType, node.Span, path.Length == 0 ? "the recipe" : path, "a mapping of keys", Describe(node));
                return new Section(path, spanIfMissing, entries);
            }

            var known = RecipeKeys.Sections[path];
            foreach (var entry in mapping.Entries)
            {
                var key = entry.Key.Value;
                var keyPath = path.Length == 0 ? key : path + "." + key;
                if (entries.TryGetValue(key, out var first))
                {
                    Report(ProblemIds.DuplicateKey, entry.Key.Span, keyPath, (first.Key.Span.StartLine + 1).ToString(CultureInfo.InvariantCulture));
                }
                else if (!known.Contains(key))
                {
                    Report(ProblemIds.UnknownKey, entry.Key.Span, keyPath, SuggestKey(key, path, known));
                }
                else
                {
                    entries.Add(key, entry);
                }
            }

            return new Section(path, spanIfMissing, entries);
        }

        private static string SuggestKey(string key, string path, IReadOnlyList<string> known)
        {
            var closest = Suggestions.Closest(key, known);
            if (closest is not null)
            {
                return $" Did you mean '{closest}'?";
            }

            var home = RecipeKeys.Sections.FirstOrDefault(section => section.Key != path && section.Value.Contains(key)).Key;
            if (home is not null)
            {
                return home.Length == 0 ? $" '{key}' belongs at the top level." : $" '{key}' belongs under '{home}'.";
            }

            return $" Known keys here: {string.Join(", ", known)}.";
        }

        private string? ReadString(Section section, string key)
        {
            var node = section.Value(key);
            switch (node)
            {
                case null:
                case YamlScalar { IsNull: true }:
                    return null;
                case YamlScalar scalar:
                    return scalar.Value;
                default:
                    Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "a string", Describe(node));
                    return null;
            }
        }

        private T ReadEnum<T>(Section section, string key, T fallback, IReadOnlyList<KeyValuePair<string, T>> values, bool required = false)
        {
            var node = section.Value(key);
            if (node is null || node is YamlScalar { IsNull: true })
            {
                if (required)
                {
                    Report(ProblemIds.MissingKey, node?.Span ?? section.Span, section.PathOf(key), string.Join(", ", values.Select(v => v.Key)));
                }

                return fallback;
            }

            if (node is not YamlScalar scalar)
            {
                Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "one of " + string.Join(", ", values.Select(v => v.Key)), Describe(node));
                return fallback;
            }

            foreach (var pair in values)
            {
                if (pair.Key == scalar.Value)
                {
                    return pair.Value;
                }
            }

            var closest = Suggestions.Closest(scalar.Value, values.Select(v => v.Key));
            Report(ProblemIds.UnknownValue, node.Span, section.PathOf(key), scalar.Value,
                string.Join(", ", values.Select(v => v.Key)), closest is null ? "" : $" Did you mean '{closest}'?");
            return fallback;
        }

        private double ReadNumber(Section section, string key, double fallback, NumberRange range)
        {
            var node = section.Value(key);
            if (node is null)
            {
                return fallback;
            }

            if (!TryNumber(node, out var value))
            {
                Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "a number", Describe(node));
                return fallback;
            }

            if (!range.Contains(value))
            {
                Report(ProblemIds.OutOfRange, node.Span, section.PathOf(key), ((YamlScalar)node).Value, range.ToString());
                return fallback;
            }

            return value;
        }

        private int ReadInteger(Section section, string key, int fallback, NumberRange range)
        {
            var node = section.Value(key);
            if (node is null)
            {
                return fallback;
            }

            if (!TryNumber(node, out var value) || value != Math.Floor(value))
            {
                Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "a whole number", Describe(node));
                return fallback;
            }

            if (!range.Contains(value))
            {
                Report(ProblemIds.OutOfRange, node.Span, section.PathOf(key), ((YamlScalar)node).Value, range.ToString());
                return fallback;
            }

            return (int)value;
        }

        private int[] ReadSizes(Section section, string key, int[] fallback, int maxCount = 16)
        {
            var node = section.Value(key);
            if (node is null)
            {
                return fallback;
            }

            if (node is not YamlSequence sequence || sequence.Items.Count == 0)
            {
                Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "a non-empty list of whole numbers such as [256, 128]", Describe(node));
                return fallback;
            }

            if (sequence.Items.Count > maxCount)
            {
                Report(ProblemIds.OutOfRange, node.Span, section.PathOf(key), $"a list of {sequence.Items.Count} layers", $"at most {maxCount} layers");
                return fallback;
            }

            var sizes = new int[sequence.Items.Count];
            var range = NumberRange.Closed(1, 65536);
            for (var i = 0; i < sizes.Length; i++)
            {
                var item = sequence.Items[i];
                var itemPath = section.PathOf(key) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (!TryNumber(item, out var value) || value != Math.Floor(value))
                {
                    Report(ProblemIds.WrongType, item.Span, itemPath, "a whole number", Describe(item));
                }
                else if (!range.Contains(value))
                {
                    Report(ProblemIds.OutOfRange, item.Span, itemPath, ((YamlScalar)item).Value, range.ToString());
                }
                else
                {
                    sizes[i] = (int)value;
                }
            }

            return sizes;
        }

        private T NotApplicable<T>(Section section, string key, string reason, T value)
        {
            if (section.Entries.TryGetValue(key, out var entry))
            {
                Report(ProblemIds.NotApplicable, entry.Key.Span, section.PathOf(key), reason);
            }

            return value;
        }

        /// <summary>
        /// A plain scalar read as a YAML number. Unlike YAML 1.1 loaders (PyYAML), "1e-3" without a dot is a number.
        /// Quoted scalars are strings, even when they look numeric.
        /// </summary>
        private static bool TryNumber(YamlNode node, out double value)
        {
            value = 0;
            return node is YamlScalar { Style: ScalarStyle.Plain } scalar
                && !scalar.IsNull
                && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && !double.IsNaN(value) && !double.IsInfinity(value);
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalar { IsNull: true } => "nothing",
            YamlScalar { Style: ScalarStyle.Plain } scalar => $"'{scalar.Value}'",
            YamlScalar scalar => $"the quoted string \"{scalar.Value}\"",
            YamlSequence => "a list",
            _ => "a mapping",
        };

        private static SourceSpan KeySpan(Section section, string key) =>
            section.Entries.TryGetValue(key, out var entry) ? entry.Key.Span : section.Span;

        private void Report(string id, SourceSpan span, params string[] arguments) =>
            _problems.Add(RecipeProblem.Create(id, span, arguments));
    }
}
