using System.Globalization;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// The keys of <c>data.format: text</c>: <c>tokenizer</c>, <c>sequence_length</c>, <c>vocab_size</c> (chars only) and
/// <c>files</c> (a folder's documents). Every other source refuses them at the key.
/// </summary>
internal static class TextSectionReader
{
    public const TokenizerKind DefaultTokenizer = TokenizerKind.Bytes;

    /// <summary>nanoGPT's character model trains on 256; 128 keeps a CPU run short.</summary>
    public const int DefaultSequenceLength = 128;

    /// <summary>The longest window: the position embedding has one row per position.</summary>
    public const int MaxSequenceLength = 8192;

    /// <summary>The largest chars vocabulary; beyond it a BPE tokenizer is the better choice.</summary>
    public const int MaxCharsVocabulary = 1_000_000;

    /// <summary>A folder's documents unless <c>data.files</c> says otherwise.</summary>
    public const string DefaultFiles = "*.txt";

    private static readonly string[] Keys = { "tokenizer", "sequence_length", "vocab_size", "files" };

    public static TextSpec? Read(ValueReader read, Section data, DataSource source)
    {
        if (source != DataSource.Text)
        {
            foreach (var key in Keys)
            {
                read.NotApplicable(data, key, "it applies to format 'text'", 0);
            }

            return null;
        }

        var tokenizer = read.Enum(data, "tokenizer", DefaultTokenizer, RecipeValues.Tokenizers);
        var sequenceLength = read.Integer(data, "sequence_length", DefaultSequenceLength, NumberRange.Closed(1, MaxSequenceLength));
        int vocabulary;
        if (TokenizerVocabulary.Size(tokenizer) is { } fixedSize)
        {
            vocabulary = read.NotApplicable(data, "vocab_size",
                $"tokenizer '{tokenizer.Spelling()}' has {fixedSize.ToString("N0", CultureInfo.InvariantCulture)} tokens", fixedSize);
        }
        else
        {
            if (!data.Has("vocab_size"))
            {
                read.Report(ProblemIds.MissingKey, data.Value("tokenizer")?.Span ?? data.Span, "data.vocab_size",
                    "the model's output count with tokenizer 'chars': the training text's distinct characters + 2 (end-of-text, unknown) or more, such as 128");
            }

            vocabulary = read.Integer(data, "vocab_size", 128, NumberRange.Closed(TokenizerVocabulary.CharsReserved + 1, MaxCharsVocabulary));
        }

        var files = read.String(data, "files") ?? DefaultFiles;
        if (files.Trim().Length == 0 || files.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0)
        {
            read.Report(ProblemIds.InvalidValue, data.Value("files")!.Span, "data.files", "it is a file-name pattern inside data.path, such as *.txt");
        }

        return new TextSpec(tokenizer, sequenceLength, files, vocabulary);
    }
}
