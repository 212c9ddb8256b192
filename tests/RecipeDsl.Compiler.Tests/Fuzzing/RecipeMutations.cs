using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using RecipeDsl.Compiler.Tests.Infrastructure;

namespace RecipeDsl.Compiler.Tests.Fuzzing;

/// <summary>A sample recipe after one to four mutations, with what was done to it, for the failure report.</summary>
public sealed record MutatedRecipe(string Path, string Text, IReadOnlyList<string> Mutations)
{
    /// <summary>The sample's text, for shrinking.</summary>
    public string Original { get; init; } = Text;

    /// <summary>The mutations themselves, in order, for shrinking.</summary>
    public IReadOnlyList<Func<string, string>> Steps { get; init; } = Array.Empty<Func<string, string>>();

    /// <summary>The same sample with only the mutations <paramref name="keep"/> says.</summary>
    public MutatedRecipe With(Func<int, bool> keep)
    {
        var indices = Enumerable.Range(0, Steps.Count).Where(keep).ToArray();
        var text = indices.Aggregate(Original, (current, i) => Steps[i](current));
        return new MutatedRecipe(Path, text, indices.Select(i => Mutations[i]).ToArray()) { Original = Original, Steps = indices.Select(i => Steps[i]).ToArray() };
    }

    public override string ToString() =>
        $"{System.IO.Path.GetFileName(Path)} after {string.Join("; ", Mutations)}:\n{Text.Replace("\r", "\\r", StringComparison.Ordinal)}";
}

/// <summary>
/// CsCheck generators of hostile recipes: the sample recipes (recipes/ and the runtime tests' smoke recipes) with
/// lines deleted, duplicated, swapped or re-indented, values replaced by hostile scalars, unknown or misplaced keys
/// inserted, odd characters put anywhere, documents split, or the text cut short.
/// </summary>
internal static class RecipeMutations
{
    /// <summary>Every sample recipe: path and text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Samples { get; } =
        Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "RecipeDsl.Runtime.Tests", "Recipes"), "*.recipe.yaml"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToArray();

    private static readonly string[] HostileScalars =
    {
        ".nan", ".NaN", ".inf", "-.inf", "1e309", "-1e309", "1e-400", "0x10", "0o17", "1_000", "+.5", "-0", "00012",
        "!!binary aGVsbG8=", "!!str 3", "!!int x", "!custom 3", "!<tag:example.com,2026:x> 1", "&anchor 1", "*anchor",
        "*undefined", "~", "null", "Null", "\"\"", "''", "yes", "on", "off", "2026-11-28", "12:30:00",
        "[1, [2, [3]]]", "{a: 1, b: [2]}", "[]", "{}", "\"\\u2029\"", "\"\\x00\"", "\"\\L\\P\\N\"", "|\n  block\n  text",
        ">-\n  folded", "? complex key", "- item", "'it''s'", "\"unterminated", "[unclosed", "{unclosed",
        "😀", "\u2029", "\u2028", "\u0085", "\u0000", "\u0007", "\u001b[31m", "\ufeff", "\ud800", "\udfff", "\u202e",
        new string('x', 1000), "9223372036854775808", "-2147483649", "2147483648", "0.1.2", "1e", "e1", "NaN", "Infinity",
    };

    private static readonly string[] InsertedLines =
    {
        "lable_smoothing: 0.1", "unknown_key: 1", "loss:", "  label_smoothing: 0.2", "    mixup: {alpha: 0.2}",
        "data:", "  dataset: fashion", "model:", "  architecture: transformer", "name: RecipeCatalog", "name: MnistMlp",
        "name: mnistmlp", "name: 3Digits", "sweep:", "  label_smoothing: [0.0, 0.1]", "distillation:", "  teacher: Nobody",
        "  teacher: MnistStudent", "training:", "  epochs: 0", "  optimizer: {type: sgd, lr: 10}", "model:\n  type: No.Such.Type",
        "---", "...", "%YAML 1.2", "%TAG ! tag:example.com,2026:", "&a key: value", "*a: value", "? [a]\n: b", "\t: tab",
        "# recipedsl: disable RD1001", "mixup:", "  alpha: 0", "  label_smoothing: 0.5", "calibration:", "  bins: 1",
        "task: sequence", "loss:\n  class_smoothing: [0.1, 0.2]", "data:\n  label_noise: 1.5",
    };

    private static readonly string[] OddCharacters =
    {
        "\u2029", "\u2028", "\u0085", "\u0000", "\u0001", "\t", "\r", "\r\n", "\ufeff", "😀", "\ud800", "\udc00", "\u200b",
        "\u202e", "\uffff", ":", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "{", "}", "[", "]", ",", "-", "?",
    };

    private const string StringSinkCharacters = "\"\\'{}<>&*/\t\r\n\u0000\u0007\u001b\u007f\u0085\u00a0\u2028\u2029\u200b\u202e\ufeff\ue000\uffff\ud83d\ude00\ud800\udc00";

    private static Gen<(string Name, Func<string, string> Apply)> Mutation { get; } = Gen.OneOf(
        Gen.Int.Select(line => ($"delete line {line}", OnLines((lines, i) => lines.RemoveAt(i), line))),
        Gen.Int.Select(line => ($"duplicate line {line}", OnLines((lines, i) => lines.Insert(i, lines[i]), line))),
        Gen.Int.Select(Gen.Int).Select(pair => ($"swap lines {pair.Item1} and {pair.Item2}", OnLines((lines, i) =>
        {
            var j = (int)((uint)pair.Item2 % (uint)lines.Count);
            (lines[i], lines[j]) = (lines[j], lines[i]);
        }, pair.Item1))),
        Gen.Int.Select(Gen.Int[-4, 4]).Select(pair => ($"re-indent line {pair.Item1} by {pair.Item2}", OnLines((lines, i) =>
            lines[i] = pair.Item2 >= 0 ? new string(' ', pair.Item2) + lines[i] : lines[i].Substring(Math.Min(-pair.Item2, lines[i].Length - lines[i].TrimStart(' ').Length)), pair.Item1))),
        Gen.Int.Select(line => ($"tab-indent line {line}", OnLines((lines, i) => lines[i] = "\t" + lines[i].TrimStart(' '), line))),
        Gen.Int.Select(Gen.Int[0, HostileScalars.Length - 1]).Select(pair => ($"value {pair.Item1} = {Show(HostileScalars[pair.Item2])}", (Func<string, string>)(text =>
        {
            // The n-th "key: value" line, so that every value is as likely to be hit as any other.
            var lines = text.Split('\n');
            var values = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(": ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#')).ToArray();
            if (values.Length == 0)
            {
                return text;
            }

            var line = values[(int)((uint)pair.Item1 % (uint)values.Length)];
            lines[line] = lines[line].Substring(0, lines[line].IndexOf(": ", StringComparison.Ordinal) + 2) + HostileScalars[pair.Item2];
            return string.Join("\n", lines);
        }))),
        Gen.Int.Select(Gen.Int[0, InsertedLines.Length - 1]).Select(Gen.Int[0, 6]).Select(triple =>
        {
            var ((line, inserted), indent) = triple;
            return ($"insert {Show(InsertedLines[inserted])} at line {line} indented {indent}", OnLines((lines, i) =>
                lines.Insert(i, new string(' ', indent) + InsertedLines[inserted]), line, allowEnd: true));
        }),
        Gen.Int[0, OddCharacters.Length - 1].Select(Gen.Int).Select(pair => ($"insert {Show(OddCharacters[pair.Item1])} at {pair.Item2}", (Func<string, string>)(text =>
        {
            var at = (int)((uint)pair.Item2 % (uint)(text.Length + 1));
            return text.Insert(at, OddCharacters[pair.Item1]);
        }))),
        // Text that reaches the generated C# as a string or comment: any character, written with YAML escapes.
        Gen.String[Gen.OneOf(Gen.Char['a', 'z'], Gen.Char[StringSinkCharacters]), 0, 12].Select(text => ($"description = {Show(text)}", (Func<string, string>)(recipe =>
            "description: " + YamlText.DoubleQuoted(text) + "\n" + string.Join("\n", recipe.Split('\n').Where(line => !line.StartsWith("description:", StringComparison.Ordinal)))))),
        Gen.Int.Select(at => ($"truncate at {at}", (Func<string, string>)(text => text.Substring(0, (int)((uint)at % (uint)(text.Length + 1)))))));

    /// <summary>One sample recipe after one to four mutations.</summary>
    public static Gen<MutatedRecipe> Recipes { get; } =
        Gen.Int[0, Samples.Count - 1].Select(Mutation.Array[1, 4]).Select(pair =>
        {
            var (path, text) = Samples[pair.Item1];
            foreach (var mutation in pair.Item2)
            {
                text = mutation.Apply(text);
            }

            return new MutatedRecipe(path, text, pair.Item2.Select(mutation => mutation.Name).ToArray())
            {
                Original = Samples[pair.Item1].Text,
                Steps = pair.Item2.Select(mutation => mutation.Apply).ToArray(),
            };
        });

    private static Func<string, string> OnLines(Action<List<string>, int> change, int line, bool allowEnd = false) => text =>
    {
        var lines = text.Split('\n').ToList();
        var count = allowEnd ? lines.Count + 1 : lines.Count;
        var index = (int)((uint)line % (uint)count);
        if (index == lines.Count)
        {
            lines.Add("");
        }

        change(lines, index);
        return string.Join("\n", lines);
    };

    private static string Show(string text) =>
        string.Concat(text.Take(40).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}")) + (text.Length > 40 ? "…" : "");
}
