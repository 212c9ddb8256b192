using System.Globalization;
using System.Linq;
using System.Threading;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Datasets;
using RecipeDsl.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace RecipeDsl.Host.Commands;

/// <summary>
/// Loads a recipe's data exactly as training would (same files, checks, split and statistics) on the CPU, and shows
/// what it resolved to, without training: a quick check of a new data section.
/// </summary>
public sealed class DataCommand(IAnsiConsole console, RecipeSet recipes) : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        var entry = recipes.Find(settings.Recipe);
        if (entry.Text is { } text)
        {
            ShowText(entry, text, settings.DataPath);
            return ExitCodes.Success;
        }

        if (entry.Data is not { } description)
        {
            console.MarkupLineInterpolated($"[bold]{entry.Name}[/] is a sequence recipe: it trains on the embedded arithmetic corpus, 10,000 sums written as token sequences over a 15-token vocabulary, with a fixed 20 % test split.");
            return ExitCodes.Success;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var data = ClassificationData.Load(description, CPU, new TrainingOptions { DataPath = settings.DataPath });
        var loaded = clock.Elapsed;
        console.MarkupLineInterpolated($"[bold]{entry.Name}[/] ({entry.FileName}): {Source(description, settings.DataPath)}");
        foreach (var file in data.Files)
        {
            console.MarkupLineInterpolated($"  file: {file}");
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {data.Residence}; loaded in {loaded.TotalSeconds:0.00} s");
        console.MarkupLineInterpolated($"  normalisation: {Normalisation(data)}");
        console.Write(Balance(data));
        return ExitCodes.Success;
    }

    /// <summary>The text as training reads it: documents, tokens per split and windows per split.</summary>
    private void ShowText(RecipeEntry entry, TextDescription description, string? dataPath)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TextCorpus corpus;
        try
        {
            corpus = TextCorpus.Load(description, dataPath);
        }
        catch (DataFileException error)
        {
            throw new UnusableFileException(error.Path, error.Message, error);
        }

        var tokenizer = description.Tokenizer.ToString().ToLowerInvariant();
        var characters = corpus.Tokenizer is CharTokenizer chars ? $" ({chars.CharacterCount:N0} characters of the training text)" : "";
        string Windows(int tokens) => TextCorpus.WindowCount(tokens, description.SequenceLength).ToString("N0", CultureInfo.InvariantCulture);
        console.MarkupLineInterpolated($"[bold]{entry.Name}[/] ({entry.FileName}): text in {dataPath ?? description.Path}, {corpus.Documents:N0} document(s)");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"  {tokenizer} tokenizer, {description.VocabularySize:N0} tokens{characters}; {corpus.Tokens.Length:N0} tokens read in {clock.Elapsed.TotalSeconds:0.00} s");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"  tokens: {corpus.Split.Train:N0} train / {corpus.Split.Validation:N0} validation / {corpus.Split.Test:N0} test, contiguous in that order");
        console.MarkupLineInterpolated(
            $"  windows of {description.SequenceLength} predicted tokens: {Windows(corpus.Split.Train)} train / {Windows(corpus.Split.Validation)} validation / {Windows(corpus.Split.Test)} test");
    }

    private static string Source(DataDescription description, string? dataPath)
    {
        var path = dataPath ?? description.Path;
        return description.Source switch
        {
            DataSource.Mnist => "the embedded MNIST digits",
            DataSource.FashionMnist => $"Fashion-MNIST in {path}",
            _ => $"{description.Source.ToString().ToLowerInvariant()} {path}",
        };
    }

    private static string Normalisation(ClassificationData data)
    {
        var kind = data.Description.Normalization.FromTrainingSplit ? "from the training split" : "as given";
        string Values(System.Collections.Generic.IReadOnlyList<double> values) => string.Join(", ", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
        return $"mean [{Values(data.MeanValues)}], std [{Values(data.StdValues)}] ({kind})";
    }

    /// <summary>Examples of each class in each split: an unbalanced split shows at a glance.</summary>
    private static Table Balance(ClassificationData data)
    {
        var table = new Table().AddColumns("class", "name", "train", "validation", "test");
        using var scope = NewDisposeScope();
        var counts = new[] { data.TrainLabels, data.ValidationLabels, data.TestLabels }
            .Select(labels => labels.bincount(null, data.Classes).data<long>().ToArray())
            .ToArray();
        for (var c = 0; c < data.Classes; c++)
        {
            table.AddRow(
                c.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(data.ClassNames[c]),
                counts[0][c].ToString("N0", CultureInfo.InvariantCulture),
                counts[1][c].ToString("N0", CultureInfo.InvariantCulture),
                counts[2][c].ToString("N0", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
