using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace RecipeDsl.Datasets.Tables;

/// <summary>
/// A CSV table (Sep reads it, quoted fields included): a header row, numeric feature columns and one label column.
/// Labels are class names when <c>data.class_names</c> lists them all; otherwise labels that are all whole numbers are
/// class indices, and any other labels are names indexed in sorted order. A ragged row, a value that is not a number, or a missing value stops the load with the file, the
/// line and the column — never a silent NaN.
/// </summary>
public static class CsvTable
{
    /// <param name="classes">The recipe's class count: an index outside it is refused at its line.</param>
    public static LoadedDataset Read(string path, string labelColumn, IReadOnlyList<string>? classNames, int classes)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, Directory.Exists(path)
                ? $"{path} is a folder; format 'csv' reads one file: point data.path at it."
                : $"The CSV file {path} does not exist.");
        }

        try
        {
            return ReadTable(path, labelColumn, classNames, classes);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DataFileException(path, $"{path} cannot be read as CSV: {error.Message}", error);
        }
    }

    private static LoadedDataset ReadTable(string path, string labelColumn, IReadOnlyList<string>? classNames, int classes)
    {
        // Column counts are checked here rather than by Sep, so that the message can name the line and both counts.
        // Unescape: R's write.csv and Excel quote headers and strings ("species"), which name the same column.
        using var reader = Sep.Reader(options => options with { DisableColCountCheck = true, Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        var names = reader.Header.ColNames.Select(name => name.Trim()).ToArray();
        if (names.Length == 0)
        {
            throw new DataFileException(path, $"{path} is empty; a CSV table starts with a header row.");
        }

        var labelIndex = Array.IndexOf(names, labelColumn);
        if (labelIndex < 0)
        {
            throw new DataFileException(path, $"{path} has no column '{labelColumn}' (its columns: {string.Join(", ", names)}); set data.label_column to the label column.");
        }

        var featureColumns = Enumerable.Range(0, names.Length).Where(i => i != labelIndex).ToArray();
        var features = new List<float>();
        var labels = new List<string>();
        var lines = new List<int>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != names.Length)
            {
                throw new DataFileException(path, $"{path}, line {line}: the row has {row.ColCount} values and the header {names.Length} columns.");
            }

            foreach (var column in featureColumns)
            {
                var text = row[column].Span.Trim();
                if (text.Length == 0)
                {
                    throw new DataFileException(path, $"{path}, line {line}, column {column + 1} '{names[column]}': the value is missing.");
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new DataFileException(path, $"{path}, line {line}, column {column + 1} '{names[column]}': '{text.ToString()}' is not a finite number.");
                }

                features.Add((float)value);
            }

            var label = row[labelIndex].Span.Trim().ToString();
            if (label.Length == 0)
            {
                throw new DataFileException(path, $"{path}, line {line}, column {labelIndex + 1} '{labelColumn}': the label is missing.");
            }

            labels.Add(label);
            lines.Add(line);
        }

        if (labels.Count == 0)
        {
            throw new DataFileException(path, $"{path} has a header and no rows.");
        }

        var (indices, foundNames) = Index(path, labels, lines, labelIndex, labelColumn, classNames, classes);
        var examples = ExampleSet.OfFloats(new[] { featureColumns.Length }, features.ToArray(), indices, path);
        return new LoadedDataset(examples, null, foundNames, new[] { path });
    }

    /// <summary>Class indices from the label strings: names by their place in the class list, whole numbers as they are.</summary>
    private static (int[] Indices, IReadOnlyList<string>? Names) Index(
        string path, List<string> labels, List<int> lines, int labelIndex, string labelColumn, IReadOnlyList<string>? classNames, int classes)
    {
        var named = classNames is not null && labels.All(label => classNames.Contains(label));
        var numeric = labels.All(label => int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        if (numeric && !named)
        {
            var indices = labels.Select(label => int.Parse(label, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
            for (var i = 0; i < indices.Length; i++)
            {
                if (indices[i] < 0 || indices[i] >= classes)
                {
                    throw new DataFileException(path,
                        $"{path}, line {lines[i]}, column {labelIndex + 1} '{labelColumn}': label {indices[i]} is outside the recipe's {classes} classes (data.classes: labels 0 to {classes - 1}).");
                }
            }

            return (indices, null);
        }

        var names = classNames ?? labels.Distinct(StringComparer.Ordinal).OrderBy(label => label, StringComparer.Ordinal).ToArray();
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            lookup[names[i]] = i;
        }

        var classIndices = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!lookup.TryGetValue(labels[i], out classIndices[i]))
            {
                throw new DataFileException(path, $"{path}, line {lines[i]}, column {labelIndex + 1} '{labelColumn}': '{labels[i]}' is not one of data.class_names [{string.Join(", ", names)}].");
            }
        }

        return (classIndices, names);
    }
}
