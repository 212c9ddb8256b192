using System;
using RecipeDsl.Data.Text;
using RecipeDsl.Datasets;
using RecipeDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// Token sequences as int64 tensors on the training device — the arithmetic corpus, or a recipe's text cut into
/// windows: inputs (N, T) are token ids, and labels (N, T) are the same tokens with padding replaced by the ignore
/// index, the convention of Hugging Face language models. A next-token task shifts them itself (the task's property,
/// see the generated trainer).
/// </summary>
public sealed class SequenceTensors : SplitTensors
{
    private SequenceTensors(Tensor[] tensors, int vocabularySize, int ignoreIndex)
        : base(tensors) => (VocabularySize, IgnoreIndex) = (vocabularySize, ignoreIndex);

    public int VocabularySize { get; }

    /// <summary>The label of padded positions, which count for nothing.</summary>
    public int IgnoreIndex { get; }

    /// <param name="maxTrainSamples">Keep only the first N training sequences (after the fixed split), for quick runs.</param>
    public static SequenceTensors LoadArithmetic(double validationFraction, Device device, int ignoreIndex, int? maxTrainSamples = null)
    {
        var corpus = ArithmeticCorpus.Load();
        var split = ArithmeticCorpus.Split(validationFraction);
        var train = maxTrainSamples is { } limit ? split.Train[..Math.Min(Math.Max(limit, 1), split.Train.Length)] : split.Train;
        var tensors = new Tensor[6];
        (tensors[0], tensors[1]) = ToTensors(corpus, train, device, ignoreIndex);
        (tensors[2], tensors[3]) = ToTensors(corpus, split.Validation, device, ignoreIndex);
        (tensors[4], tensors[5]) = ToTensors(corpus, split.Test, device, ignoreIndex);
        return new SequenceTensors(tensors, corpus.VocabularySize, ignoreIndex);
    }

    /// <summary>The recipe's text, tokenized and cut into windows of <see cref="TextDescription.SequenceLength"/> + 1 tokens.</summary>
    /// <exception cref="UnusableFileException">The text is missing, not UTF-8, or too short for the splits.</exception>
    public static SequenceTensors LoadText(TextDescription description, Device device, int ignoreIndex, TrainingOptions? options = null)
    {
        TextCorpus corpus;
        try
        {
            corpus = TextCorpus.Load(description, options?.DataPath);
        }
        catch (DataFileException error)
        {
            throw new UnusableFileException(error.Path, error.Message, error);
        }

        var tensors = new Tensor[6];
        (tensors[0], tensors[1]) = WindowTensors(corpus, corpus.TrainTokens, description.SequenceLength, ignoreIndex, device, options?.MaxTrainSamples);
        (tensors[2], tensors[3]) = WindowTensors(corpus, corpus.ValidationTokens, description.SequenceLength, ignoreIndex, device, null);
        (tensors[4], tensors[5]) = WindowTensors(corpus, corpus.TestTokens, description.SequenceLength, ignoreIndex, device, null);
        options?.Log?.WriteLine(
            $"{description.Recipe}: {corpus.Documents} document(s), {corpus.Tokens.Length:N0} {description.Tokenizer.ToString().ToLowerInvariant()} tokens; "
            + $"windows of {description.SequenceLength}: {tensors[0].shape[0]} train, {tensors[2].shape[0]} validation, {tensors[4].shape[0]} test");
        return new SequenceTensors(tensors, corpus.Tokenizer.VocabularySize, ignoreIndex) { Tokenizer = corpus.Tokenizer };
    }

    /// <summary>The tokenizer of a text recipe (to decode ids); null for the arithmetic corpus.</summary>
    public TextTokenizer? Tokenizer { get; private init; }

    private static (Tensor Inputs, Tensor Labels) WindowTensors(
        TextCorpus corpus, ReadOnlySpan<int> tokens, int sequenceLength, int ignoreIndex, Device device, int? maxWindows)
    {
        var (inputs, labels, windows) = corpus.Windows(tokens, sequenceLength, ignoreIndex);
        var kept = maxWindows is { } limit ? Math.Min(Math.Max(limit, 1), windows) : windows;
        var width = sequenceLength + 1;
        var shape = new long[] { kept, width };
        using var scope = NewDisposeScope();
        var inputTensor = tensor(inputs.AsSpan(0, kept * width).ToArray(), shape).to(device);
        var labelTensor = tensor(labels.AsSpan(0, kept * width).ToArray(), shape).to(device);
        return (inputTensor.DetachFromDisposeScope(), labelTensor.DetachFromDisposeScope());
    }

    private static (Tensor Inputs, Tensor Labels) ToTensors(TokenSequences corpus, int[] indices, Device device, int ignoreIndex)
    {
        var tokens = new long[indices.Length * corpus.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            for (var t = 0; t < corpus.Length; t++)
            {
                tokens[i * corpus.Length + t] = corpus.Tokens[indices[i] * corpus.Length + t];
            }
        }

        using var scope = NewDisposeScope();
        var inputs = tensor(tokens, new long[] { indices.Length, corpus.Length });
        using var padding = ((long)ArithmeticCorpus.Padding).ToScalar();
        using var ignored = ignoreIndex.ToScalar();
        var labels = inputs.masked_fill(inputs.eq(padding), ignored);
        return (inputs.to(device).DetachFromDisposeScope(), labels.to(device).DetachFromDisposeScope());
    }
}
