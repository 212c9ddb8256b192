using System;
using System.Text;

namespace RecipeDsl.Datasets;

/// <summary>
/// A synthetic corpus for sequence recipes, the same on every machine and needing no file: 10,000 sums of two
/// numbers below 1000 written out as characters, "⟨bos⟩27+58=85⟨eos⟩", padded to a common length. A language model
/// learns the format quickly; the answer digits are what it has to compute.
/// </summary>
public static class ArithmeticCorpus
{
    public const int Padding = 0;
    public const int BeginOfSequence = 1;
    public const int EndOfSequence = 2;

    /// <summary>Token ids: padding, begin, end, the digits 0–9 (3–12), '+' (13) and '=' (14).</summary>
    public const int VocabularySize = 15;

    /// <summary>⟨bos⟩ + "999+999=1998" + ⟨eos⟩.</summary>
    public const int SequenceLength = 14;

    public const int Count = 10_000;

    /// <summary>The share held out for the final test, as for the digits.</summary>
    public const double TestFraction = 0.2;

    private const ulong CorpusSeed = 20261127;

    private static readonly Lazy<TokenSequences> Cached = new(Generate);

    public static TokenSequences Load() => Cached.Value;

    /// <summary>The fixed split: 20 % test, then <paramref name="validationFraction"/> of the rest for validation.</summary>
    public static DatasetSplit Split(double validationFraction) =>
        DatasetSplit.Create(Count, TestFraction, validationFraction, CorpusSeed + 1);

    public static int TokenOf(char c) => c switch
    {
        >= '0' and <= '9' => 3 + (c - '0'),
        '+' => 13,
        '=' => 14,
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Not a character of the arithmetic corpus."),
    };

    /// <summary>The text of a token sequence, for reading samples: padding is dropped, ⟨bos⟩ and ⟨eos⟩ are spelled out.</summary>
    public static string Decode(ReadOnlySpan<long> tokens)
    {
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            text.Append(token switch
            {
                Padding => "",
                BeginOfSequence => "<bos>",
                EndOfSequence => "<eos>",
                >= 3 and <= 12 => ((char)('0' + token - 3)).ToString(),
                13 => "+",
                14 => "=",
                _ => "?",
            });
        }

        return text.ToString();
    }

    private static TokenSequences Generate()
    {
        var tokens = new byte[Count * SequenceLength];
        var state = CorpusSeed;
        for (var i = 0; i < Count; i++)
        {
            var a = (int)(DatasetSplit.SplitMix64(ref state) % 1000);
            var b = (int)(DatasetSplit.SplitMix64(ref state) % 1000);
            var text = $"{a}+{b}={a + b}";
            var row = i * SequenceLength;
            tokens[row] = BeginOfSequence;
            for (var j = 0; j < text.Length; j++)
            {
                tokens[row + 1 + j] = (byte)TokenOf(text[j]);
            }

            tokens[row + 1 + text.Length] = EndOfSequence;
        }

        return new TokenSequences(Count, SequenceLength, VocabularySize, tokens);
    }
}

/// <summary>Token sequences of one length, padded with token 0: <see cref="Tokens"/> is row-major, Count × Length.</summary>
public sealed record TokenSequences(int Count, int Length, int VocabularySize, byte[] Tokens);
