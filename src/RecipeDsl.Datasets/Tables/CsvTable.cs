using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace RecipeDsl.Datasets.Tables;

/// <summary>
/// A CSV table (Sep reads it): a header row, numeric feature columns and one label column. Labels that are all whole
/// numbers are class indices; otherwise they are class names, indexed in <c>data.class_names</c> order or, without it,
/// in sorted order. A ragged row, a value that is not a number, or a missing value stops the load with the file, the
/// line and the column — never a silent NaN.
/// </summary>
public static class CsvTable
{
    public static LoadedDataset Read(string path, string labelColumn, IReadOnlyList<string>? classNames)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, Directory.Exists(path)
                ? $"{path} is a folder; format 'csv' reads one file: point data.path at it."
                : $"The CSV file {path} does not exist.");
        }

        try
        {
            return ReadTable(path, labelColumn, classNames);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DataFileException(path, $"{path} cannot be read as CSV: {error.Message}", error);
        }
    }

    private static LoadedDataset ReadTable(string path, string labelColumn, IReadOnlyList<string>? classNames)
    {
        // Column counts are checked here rather than by Sep, so that the message can name the line and both counts.
        using var reader = Sep.Reader(options => options with { DisableColCountCheck = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        var names = reader.Header.ColNames.ToArray();
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

        var (indices, foundNames) = Index(path, labels, lines, labelIndex, labelColumn, classNames);
        var examples = ExampleSet.OfFloats(new[] { featureColumns.Length }, features.ToArray(), indices, path);
        return new LoadedDataset(examples, null, foundNames, new[] { path });
    }

    /// <summary>Class indices from the label strings: whole numbers as they are, names by their place in the class list.</summary>
    private static (int[] Indices, IReadOnlyList<string>? Names) Index(
        string path, List<string> labels, List<int> lines, int labelIndex, string labelColumn, IReadOnlyList<string>? classNames)
    {
        var numeric = labels.All(label => int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        if (numeric)
        {
            return (labels.Select(label => int.Parse(label, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray(), null);
        }

        var names = classNames ?? labels.Distinct(StringComparer.Ordinal).OrderBy(label => label, StringComparer.Ordinal).ToArray();
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            lookup[names[i]] = i;
        }

        var indices = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!lookup.TryGetValue(labels[i], out indices[i]))
            {
                throw new DataFileException(path, $"{path}, line {lines[i]}, column {labelIndex + 1} '{labelColumn}': '{labels[i]}' is not one of data.class_names [{string.Join(", ", names)}].");
            }
        }

        return (indices, names);
    }
}
