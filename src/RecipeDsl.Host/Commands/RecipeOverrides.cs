using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Training;
using YamlDotNet.RepresentationModel;

namespace RecipeDsl.Host.Commands;

/// <summary>
/// <c>--set KEY=VALUE</c>: the recipe keys a run may change without rebuilding, and for every other key a refusal
/// that names the file to edit. A recipe is compiled into its trainer, so layer sizes, techniques and their settings
/// are code; only what the generated trainer takes as <see cref="TrainingOptions"/> can change per run.
/// </summary>
internal static class RecipeOverrides
{
    /// <summary>The keys a run can change, with what they set and the option that does the same.</summary>
    private static readonly IReadOnlyDictionary<string, (Func<TrainingOptions, string, TrainingOptions> Apply, string Option)> RunKeys =
        new Dictionary<string, (Func<TrainingOptions, string, TrainingOptions>, string)>(StringComparer.Ordinal)
        {
            ["training.epochs"] = ((options, value) => options with { Epochs = Epochs(value) }, "--epochs"),
            ["training.device"] = ((options, value) => options with { Device = RunSettings.DeviceOf(value) ?? throw new UsageException($"--set training.device: auto, cpu or cuda; got '{value}'.") }, "--device"),
            ["data.path"] = ((options, value) => options with { DataPath = value }, "--data"),
        };

    private static string Changeable =>
        string.Join(", ", RunKeys.Select(key => $"{key.Key} ({key.Value.Option})")) + ", and the training seed with --seed";

    /// <summary><paramref name="options"/> with every assignment applied; an assignment of another key is refused.</summary>
    public static TrainingOptions Apply(TrainingOptions options, IEnumerable<string> assignments)
    {
        foreach (var (key, value) in assignments.Select(Split))
        {
            if (RunKeys.TryGetValue(key, out var runKey))
            {
                options = runKey.Apply(options, value);
            }
        }

        return options;
    }

    /// <summary>
    /// Refuses, before anything trains, an assignment that no run can make for one of <paramref name="entries"/>:
    /// a key that shapes the generated trainer (edit the recipe and rebuild) or one the recipe does not have.
    /// </summary>
    public static void Check(IEnumerable<string> assignments, IReadOnlyList<RecipeEntry> entries)
    {
        foreach (var assignment in assignments)
        {
            var (key, value) = Split(assignment);
            if (RunKeys.TryGetValue(key, out var runKey))
            {
                runKey.Apply(new TrainingOptions(), value); // a bad value is refused now, not after the header
                continue;
            }

            if (key == "data.seed")
            {
                throw new UsageException("--set data.seed: data.seed also draws the validation and test split, which is compiled into the trainer; "
                    + "--seed N changes the training seed (weights, order, dropout, mixing) and keeps the split, so runs stay comparable.");
            }

            var files = string.Join(", ", entries.Select(entry => entry.FileName));
            throw new UsageException(entries.FirstOrDefault(entry => HasKey(entry.ResolvedYaml, key)) is { } shaped
                ? $"--set {key}: {key} shapes the generated trainer (RecipeDsl compiles each recipe into C#); edit it in {shaped.FileName} and rebuild. "
                    + $"A run can change {Changeable}."
                : $"--set {key}: {files} has no key '{key}' (keys are written as section.key, e.g. training.epochs). A run can change {Changeable}.");
        }
    }

    private static (string Key, string Value) Split(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? (assignment[..equals].Trim(), assignment[(equals + 1)..].Trim())
            : throw new UsageException($"--set takes KEY=VALUE, such as training.epochs=3; got '{assignment}'.");
    }

    private static int Epochs(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var epochs) && epochs > 0
            ? epochs
            : throw new UsageException($"--set training.epochs: a whole number above 0; got '{value}'.");

    /// <summary>Whether the resolved recipe (every default written out) has the dotted key.</summary>
    private static bool HasKey(string resolvedYaml, string key)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(resolvedYaml));
        YamlNode node = stream.Documents[0].RootNode;
        foreach (var part in key.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(part), out var child))
            {
                return false;
            }

            node = child;
        }

        return true;
    }
}
