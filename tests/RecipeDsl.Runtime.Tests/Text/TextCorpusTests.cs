using System;
using System.IO;
using System.Linq;
using System.Text;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Datasets;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Text;

public sealed class TextCorpusTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "recipedsl-text-" + Guid.NewGuid().ToString("N"));

    public TextCorpusTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static TextDescription Description(string path, TokenizerKind tokenizer = TokenizerKind.Bytes, int vocabulary = TokenizerVocabulary.Bytes, int sequenceLength = 4) =>
        new("Text", path, "*.txt", tokenizer, vocabulary, sequenceLength) { ValidationSplit = 0.1, TestSplit = 0.1 };

    [Fact]
    public void Windows_overlap_by_one_token_so_every_token_but_the_first_is_predicted_once_and_padding_is_ignored()
    {
        var corpus = TextCorpus.Load(Description(Write("a.txt", new string('x', 200))));
        var tokens = Enumerable.Range(10, 10).ToArray(); // 10 … 19

        var (inputs, labels, windows) = corpus.Windows(tokens, sequenceLength: 4, ignoreIndex: -100);

        Assert.Equal(3, windows);
        Assert.Equal(new long[] { 10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 18, 19, 256, 256, 256 }, inputs);
        Assert.Equal(new long[] { 10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 18, 19, -100, -100, -100 }, labels);
        // The targets are positions 1…4 of each window (position t predicts t + 1).
        var targets = Enumerable.Range(0, windows).SelectMany(w => labels.Skip(w * 5 + 1).Take(4)).Where(label => label != -100);
        Assert.Equal(tokens.Skip(1).Select(t => (long)t), targets);
    }

    [Fact]
    public void The_splits_are_contiguous_blocks_train_then_validation_then_test_at_the_end()
    {
        var text = string.Concat(Enumerable.Range(0, 99).Select(i => (char)('a' + i % 26)));
        var corpus = TextCorpus.Load(Description(Write("a.txt", text)));

        // 99 bytes and one end-of-text: test is the last 10, validation the last 9 of the remaining 90.
        Assert.Equal((81, 9, 10), corpus.Split);
        Assert.Equal(corpus.Tokens.Take(81), corpus.TrainTokens.ToArray());
        Assert.Equal(corpus.Tokens.Skip(81).Take(9), corpus.ValidationTokens.ToArray());
        Assert.Equal(corpus.Tokens.Skip(90), corpus.TestTokens.ToArray());
        Assert.Equal(256, corpus.Tokens[^1]);
    }

    [Fact]
    public void A_folder_reads_the_files_matching_the_pattern_in_name_order_each_ending_with_end_of_text()
    {
        Write("b.txt", new string('B', 40));
        Write("a.txt", "\uFEFF" + new string('A', 40)); // a byte-order mark is not text
        Write("c.md", "not read");
        var corpus = TextCorpus.Load(Description(_folder));

        Assert.Equal(2, corpus.Documents);
        var expected = Enumerable.Repeat((int)'A', 40).Append(256).Concat(Enumerable.Repeat((int)'B', 40)).Append(256);
        Assert.Equal(expected, corpus.Tokens);
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("empty-folder", "no files matching '*.txt'")]
    [InlineData("latin1.txt", "is not UTF-8 text")]
    [InlineData("short.txt", "too few to split")]
    public void Unusable_text_is_one_clear_error_naming_the_file(string name, string message)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "empty-folder"));
        File.WriteAllBytes(Path.Combine(_folder, "latin1.txt"), new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x20, 0x21 });
        Write("short.txt", "abc");
        var path = Path.Combine(_folder, name);

        var error = Assert.Throws<DataFileException>(() => TextCorpus.Load(Description(path)));

        Assert.Contains(message, error.Message);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void A_training_split_shorter_than_one_window_says_to_lower_the_sequence_length()
    {
        var error = Assert.Throws<DataFileException>(() => TextCorpus.Load(Description(Write("a.txt", new string('x', 99)), sequenceLength: 90)));

        Assert.Contains("the training split holds 81 tokens, fewer than one window of sequence_length 90 + 1", error.Message);
        Assert.Contains("data.sequence_length", error.Message);
    }

    [Fact]
    public void A_chars_vocabulary_comes_from_the_training_split_only()
    {
        // The test split (the last 10 % of the stream) holds the only 'z's.
        var text = new string('a', 50) + new string('b', 40) + new string('z', 9);
        var corpus = TextCorpus.Load(Description(Write("a.txt", text), TokenizerKind.Chars, vocabulary: 8));

        Assert.Equal(2, ((CharTokenizer)corpus.Tokenizer).CharacterCount);
        Assert.All(corpus.TestTokens.ToArray().Take(9), id => Assert.Equal(CharTokenizer.Unknown, id));
    }

    [Fact]
    public void A_chars_vocabulary_smaller_than_the_training_text_needs_names_the_size_and_the_key()
    {
        var error = Assert.Throws<DataFileException>(() =>
            TextCorpus.Load(Description(Write("a.txt", string.Concat(Enumerable.Repeat("abcdef", 20))), TokenizerKind.Chars, vocabulary: 5)));

        Assert.Contains("needs a vocabulary of 8", error.Message);
        Assert.Contains("data.vocab_size", error.Message);
    }

    [Fact]
    public void Loaded_text_is_windows_of_sequence_length_plus_one_with_the_last_padded_and_ignored()
    {
        var path = Write("a.txt", string.Concat(Enumerable.Repeat("the cat sat. ", 20)));
        using var data = SequenceTensors.LoadText(Description(path, sequenceLength: 8), CPU, ignoreIndex: -100, new TrainingOptions { MaxTrainSamples = 5 });

        Assert.Equal(new long[] { 5, 9 }, data.TrainInputs.shape);
        Assert.Equal(9, data.TestInputs.shape[1]);
        var padded = data.TestLabels.eq(-100);
        Assert.True(padded.any().item<bool>());
        Assert.True(data.TestInputs.masked_select(padded).eq(256).all().item<bool>());
        Assert.Equal(TokenizerVocabulary.Bytes, data.VocabularySize);
    }

    [Fact]
    public void A_missing_text_file_is_an_unusable_file_error_at_load_time()
    {
        var error = Assert.Throws<UnusableFileException>(() => SequenceTensors.LoadText(Description(Path.Combine(_folder, "nope.txt")), CPU, -100));

        Assert.EndsWith("nope.txt", error.Path);
    }
}
