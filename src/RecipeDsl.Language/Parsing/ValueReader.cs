using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;
using YamlDotNet.Core;

namespace RecipeDsl.Language.Parsing;

/// <summary>A mapping of the recipe with the keys it has, checked against the keys its section allows.</summary>
internal sealed class Section
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

    public bool Has(string key) => Entries.ContainsKey(key);

    public string PathOf(string key) => Path.Length == 0 ? key : Path + "." + key;

    public YamlNode? Value(string key) => Entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Whether the key is written with a value (<c>key:</c> alone, or <c>~</c>, counts as not written).</summary>
    public bool HasValue(string key) => Value(key) is { } node && !(node is YamlScalar { IsNull: true });

    public SourceSpan KeySpan(string key) => Entries.TryGetValue(key, out var entry) ? entry.Key.Span : Span;
}

/// <summary>
/// Reads typed values out of sections. A value that is wrong is reported and replaced by the fallback, so that
/// reading goes on and one pass reports every problem of a file.
/// </summary>
internal sealed class ValueReader
{
    private readonly List<RecipeProblem> _problems;

    public ValueReader(List<RecipeProblem> problems) => _problems = problems;

    /// <summary>Every accepted key of every section read so far, in file order.</summary>
    public List<KeyLocation> Locations { get; } = new();

    public Section Section(YamlNode? node, string path, SourceSpan spanIfMissing)
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
                var closest = Suggestions.Closest(key, known);
                _problems.Add(RecipeProblem.WithFix(ProblemIds.UnknownKey, entry.Key.Span, closest, keyPath, SuggestKey(key, path, known, closest)));
            }
            else
            {
                entries.Add(key, entry);
                Locations.Add(new KeyLocation(keyPath, entry.Key.Span, entry.Value.Span));
            }
        }

        return new Section(path, spanIfMissing, entries);
    }

    public string? String(Section section, string key)
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

    public T Enum<T>(Section section, string key, T fallback, IReadOnlyList<KeyValuePair<string, T>> values, bool required = false)
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
        _problems.Add(RecipeProblem.WithFix(ProblemIds.UnknownValue, node.Span, closest, section.PathOf(key), scalar.Value,
            string.Join(", ", values.Select(v => v.Key)), closest is null ? "" : $" Did you mean '{closest}'?"));
        return fallback;
    }

    public bool Boolean(Section section, string key, bool fallback)
    {
        var node = section.Value(key);
        if (node is null)
        {
            return fallback;
        }

        if (node is YamlScalar { Style: ScalarStyle.Plain } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Report(ProblemIds.WrongType, node.Span, section.PathOf(key), "true or false", Describe(node));
        return fallback;
    }

    public double Number(Section section, string key, double fallback, NumberRange range)
    {
        var node = section.Value(key);
        return node is null ? fallback : Number(node, section.PathOf(key), fallback, range);
    }

    public double Number(YamlNode node, string path, double fallback, NumberRange range)
    {
        if (!TryNumber(node, out var value))
        {
            Report(ProblemIds.WrongType, node.Span, path, "a number", Describe(node));
            return fallback;
        }

        if (!range.Contains(value))
        {
            Report(ProblemIds.OutOfRange, node.Span, path, ((YamlScalar)node).Value, range.ToString());
            return fallback;
        }

        return value;
    }

    public int Integer(Section section, string key, int fallback, NumberRange range)
    {
        var node = section.Value(key);
        return node is null ? fallback : Integer(node, section.PathOf(key), fallback, range);
    }

    public int Integer(YamlNode node, string path, int fallback, NumberRange range)
    {
        if (!TryNumber(node, out var value) || value != Math.Floor(value))
        {
            Report(ProblemIds.WrongType, node.Span, path, "a whole number", Describe(node));
            return fallback;
        }

        if (!range.Contains(value))
        {
            Report(ProblemIds.OutOfRange, node.Span, path, ((YamlScalar)node).Value, range.ToString());
            return fallback;
        }

        return (int)value;
    }

    /// <summary>A non-empty list of numbers, each in <paramref name="range"/>; null when the key is absent.</summary>
    public double[]? Numbers(Section section, string key, NumberRange range, string example, int maxCount = 64) =>
        List(section, key, "numbers", example, maxCount, (item, path) => Number(item, path, 0, range));

    /// <summary>A non-empty list of layer sizes; <paramref name="fallback"/> when the key is absent.</summary>
    public int[] Sizes(Section section, string key, int[] fallback, int maxCount = 16) =>
        List(section, key, "whole numbers", "[256, 128]", maxCount, (item, path) => Integer(item, path, 1, NumberRange.Closed(1, 65536))) ?? fallback;

    /// <summary>A non-empty list of names (scalars, quoted or not); null when the key is absent.</summary>
    public string[]? Strings(Section section, string key, string example, int maxCount) =>
        List(section, key, "names", example, maxCount, (item, path) =>
        {
            if (item is YamlScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            Report(ProblemIds.WrongType, item.Span, path, "a name", Describe(item));
            return "";
        });

    private T[]? List<T>(Section section, string key, string kind, string example, int maxCount, Func<YamlNode, string, T> readItem)
    {
        var node = section.Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequence sequence || sequence.Items.Count == 0)
        {
            Report(ProblemIds.WrongType, node.Span, section.PathOf(key), $"a non-empty list of {kind} such as {example}", Describe(node));
            return null;
        }

        if (sequence.Items.Count > maxCount)
        {
            Report(ProblemIds.OutOfRange, node.Span, section.PathOf(key), $"a list of {sequence.Items.Count}", $"at most {maxCount} entries");
            return null;
        }

        return sequence.Items
            .Select((item, i) => readItem(item, section.PathOf(key) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"))
            .ToArray();
    }

    /// <summary>Reports a key that the recipe's other choices make meaningless, and returns <paramref name="value"/>.</summary>
    public T NotApplicable<T>(Section section, string key, string reason, T value)
    {
        if (section.Entries.TryGetValue(key, out var entry))
        {
            Report(ProblemIds.NotApplicable, entry.Key.Span, section.PathOf(key), reason);
        }

        return value;
    }

    public void Report(string id, SourceSpan span, params string[] arguments) =>
        _problems.Add(RecipeProblem.Create(id, span, arguments));

    /// <summary>
    /// A plain scalar read as a YAML number. Unlike YAML 1.1 loaders (PyYAML), "1e-3" without a dot is a number.
    /// Quoted scalars are strings, even when they look numeric.
    /// </summary>
    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return node is YamlScalar { Style: ScalarStyle.Plain } scalar
            && !scalar.IsNull
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && !double.IsNaN(value) && !double.IsInfinity(value);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => "nothing",
        YamlScalar { Style: ScalarStyle.Plain } scalar => $"'{scalar.Value}'",
        YamlScalar scalar => $"the quoted string \"{scalar.Value}\"",
        YamlSequence => "a list",
        _ => "a mapping",
    };

    private static string SuggestKey(string key, string path, IReadOnlyList<string> known, string? closest)
    {
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
}
