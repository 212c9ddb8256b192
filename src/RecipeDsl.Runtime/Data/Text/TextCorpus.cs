using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RecipeDsl.Datasets;

namespace RecipeDsl.Data.Text;

/// <summary>
/// A recipe's text as one stream of token ids, cut into train, validation and test windows. Documents are joined with
/// end-of-text (as GPT-2 trains), so only the last window of each split is short. The splits are contiguous blocks —
/// train, then validation, then test at the end — so no window shares a token with another split.
/// </summary>
public sealed class TextCorpus
{
    private TextCorpus(TextTokenizer tokenizer, int[] tokens, int documents, (int Train, int Validation, int Test) split)
    {
        Tokenizer = tokenizer;
        Tokens = tokens;
        Documents = documents;
        Split = split;
    }

    public TextTokenizer Tokenizer { get; }

    /// <summary>Every document's ids, each followed by end-of-text.</summary>
    public int[] Tokens { get; }

    public int Documents { get; }

    /// <summary>How many tokens each split holds, in stream order.</summary>
    public (int Train, int Validation, int Test) Split { get; }

    public ReadOnlySpan<int> TrainTokens => Tokens.AsSpan(0, Split.Train);

    public ReadOnlySpan<int> ValidationTokens => Tokens.AsSpan(Split.Train, Split.Validation);

    public ReadOnlySpan<int> TestTokens => Tokens.AsSpan(Split.Train + Split.Validation, Split.Test);

    /// <summary>How many windows <see cref="Windows"/> cuts from <paramref name="tokens"/> tokens: one per started run of predicted tokens.</summary>
    public static int WindowCount(int tokens, int sequenceLength) => (Math.Max(tokens - 1, 0) + sequenceLength - 1) / sequenceLength;

    /// <summary>
    /// The windows of a split: <paramref name="sequenceLength"/> + 1 tokens each, every <paramref name="sequenceLength"/>
    /// tokens, so position t of a window predicts t + 1 and every token but the first is predicted exactly once. The
    /// last window is padded with end-of-text inputs whose labels are <paramref name="ignoreIndex"/>.
    /// </summary>
    /// <returns>Inputs and labels, row-major (windows × (sequenceLength + 1)).</returns>
    public (long[] Inputs, long[] Labels, int Windows) Windows(ReadOnlySpan<int> tokens, int sequenceLength, int ignoreIndex)
    {
        var width = sequenceLength + 1;
        var windows = WindowCount(tokens.Length, sequenceLength);
        var inputs = new long[windows * width];
        var labels = new long[windows * width];
        for (var w = 0; w < windows; w++)
        {
            var start = w * sequenceLength;
            for (var t = 0; t < width; t++)
            {
                var real = start + t < tokens.Length;
                inputs[w * width + t] = real ? tokens[start + t] : Tokenizer.EndOfText;
                labels[w * width + t] = real ? tokens[start + t] : ignoreIndex;
            }
        }

        return (inputs, labels, windows);
    }

    /// <summary>Reads and tokenizes the text <paramref name="description"/> names (or <paramref name="path"/> instead).</summary>
    /// <exception cref="DataFileException">A file is missing, is not UTF-8, or the text is too short for the splits.</exception>
    public static TextCorpus Load(TextDescription description, string? path = null)
    {
        path ??= description.Path;
        var documents = ReadDocuments(path, description.Files);
        var tokenizer = description.Tokenizer == TokenizerKind.Chars ? FitCharacters(description, documents, path) : CreateFor(description, path);
        if (tokenizer.VocabularySize != description.VocabularySize)
        {
            throw new DataFileException(path,
                $"recipe {description.Recipe} was built for {description.VocabularySize} tokens and its {description.Tokenizer.ToString().ToLowerInvariant()} tokenizer has {tokenizer.VocabularySize}; rebuild the project.");
        }

        var tokens = new List<int>();
        foreach (var (_, text) in documents)
        {
            tokenizer.Encode(text, tokens);
            tokens.Add(tokenizer.EndOfText);
        }

        var split = SplitOf(tokens.Count, description, path);
        if (split.Train < description.SequenceLength + 1)
        {
            throw new DataFileException(path,
                $"{path}: the training split holds {split.Train} tokens, fewer than one window of sequence_length {description.SequenceLength} + 1; "
                + $"lower data.sequence_length in recipe {description.Recipe}, or give it more text.");
        }

        return new TextCorpus(tokenizer, tokens.ToArray(), documents.Count, split);
    }

    /// <summary>The recipe's fixed-vocabulary tokenizer; one that cannot be created (a missing vocabulary package) is one clear error.</summary>
    private static TextTokenizer CreateFor(TextDescription description, string path)
    {
        try
        {
            return Create(description.Tokenizer);
        }
        // A missing vocabulary package: InvalidOperationException; a missing or mismatched assembly: FileNotFound/FileLoad
        // (IOException); a data assembly without its resource: ArgumentNullException; corrupt data: InvalidDataException.
        catch (Exception error) when (error is IOException or InvalidDataException or InvalidOperationException or ArgumentNullException
            or TypeLoadException or MissingMethodException or BadImageFormatException)
        {
            throw new DataFileException(path,
                $"the {description.Tokenizer.ToString().ToLowerInvariant()} tokenizer of recipe {description.Recipe} could not be created ({error.GetType().Name}: {error.Message.Split('\n')[0].Trim()}); "
                + "its vocabulary ships in the Microsoft.ML.Tokenizers.Data packages, which the RecipeDsl package depends on.", error);
        }
    }

    /// <summary>The tokenizer of a kind whose vocabulary is fixed.</summary>
    public static TextTokenizer Create(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Bytes => new ByteTokenizer(),
        TokenizerKind.Cl100k => TiktokenTextTokenizer.Cl100k(),
        TokenizerKind.O200k => TiktokenTextTokenizer.O200k(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A chars vocabulary comes from the training text."),
    };

    /// <summary>
    /// Token counts of train, validation and test: test is the last <c>test_split</c> of the stream, validation the last
    /// <c>validation_split</c> of the rest. Each needs two tokens or more (one window: an input and its next token).
    /// </summary>
    internal static (int Train, int Validation, int Test) SplitOf(int tokens, TextDescription description, string path)
    {
        var test = (int)Math.Round(tokens * description.TestSplit);
        var validation = (int)Math.Round((tokens - test) * description.ValidationSplit);
        var train = tokens - test - validation;
        if (Math.Min(train, Math.Min(validation, test)) < 2)
        {
            throw new DataFileException(path,
                $"{path} holds {tokens} tokens: too few to split into train ({train}), validation ({validation}) and test ({test}) with at least 2 tokens each; give recipe {description.Recipe} more text.");
        }

        return (train, validation, test);
    }

    /// <summary>A chars vocabulary from the characters of the training split only, so validation and test can hold unknowns.</summary>
    private static TextTokenizer FitCharacters(TextDescription description, IReadOnlyList<(string Path, string Text)> documents, string path)
    {
        // One character is one token, so the training split's extent is known before the vocabulary is.
        var counts = documents.Select(document => CharTokenizer.Characters(document.Text).Count() + 1).ToList();
        var train = SplitOf(counts.Sum(), description, path).Train;
        var seen = new HashSet<int>();
        var remaining = train;
        foreach (var (_, text) in documents)
        {
            foreach (var character in CharTokenizer.Characters(text))
            {
                if (remaining == 0)
                {
                    break;
                }

                seen.Add(character);
                remaining--;
            }

            // The document's end-of-text takes one token of the split too.
            if (remaining <= 1)
            {
                break;
            }

            remaining--;
        }

        try
        {
            return new CharTokenizer(seen, description.VocabularySize);
        }
        catch (ArgumentException error)
        {
            throw new DataFileException(path, $"{path}: {error.Message.Split(" (Parameter")[0]}; raise data.vocab_size in recipe {description.Recipe}.", error);
        }
    }

    /// <summary>The file, or the folder's files matching <paramref name="pattern"/> in ordinal name order, strictly as UTF-8.</summary>
    private static IReadOnlyList<(string Path, string Text)> ReadDocuments(string path, string pattern)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, pattern).OrderBy(file => file, StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new DataFileException(path, $"{path} is a folder with no files matching '{pattern}'; set data.files to the pattern of its text files.");
            }
        }
        else if (File.Exists(path))
        {
            files = new[] { path };
        }
        else
        {
            throw new DataFileException(path, $"{path} does not exist: data.path names a UTF-8 text file or a folder of them.");
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var documents = new List<(string, string)>(files.Length);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            try
            {
                var text = utf8.GetString(bytes);
                documents.Add((file, text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text));
            }
            catch (DecoderFallbackException error)
            {
                throw new DataFileException(file, $"{file} is not UTF-8 text (an invalid byte near offset {Math.Max(error.Index, 0)}); convert it, or narrow data.files to the text files.", error);
            }
        }

        return documents;
    }
}
