using System;
using RecipeDsl.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// The arithmetic corpus as int64 tensors on the training device: inputs (N, T) are token ids with padding 0, and
/// labels (N, T) are the same tokens with padding replaced by the ignore index, the convention of Hugging Face
/// language models. A next-token task shifts them itself (the task's property, see the generated trainer).
/// </summary>
public sealed class SequenceTensors : SplitTensors
{
    private SequenceTensors(Tensor[] tensors, int vocabularySize)
        : base(tensors) => VocabularySize = vocabularySize;

    public int VocabularySize { get; }

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
        return new SequenceTensors(tensors, corpus.VocabularySize);
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
