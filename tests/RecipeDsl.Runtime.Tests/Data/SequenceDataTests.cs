using System;
using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Datasets;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

public sealed class SequenceDataTests
{
    [Fact]
    public void The_corpus_is_correct_sums_and_the_same_every_time()
    {
        var corpus = ArithmeticCorpus.Load();

        Assert.Equal((10_000, 14, 15), (corpus.Count, corpus.Length, corpus.VocabularySize));
        for (var i = 0; i < corpus.Count; i += 97)
        {
            var text = ArithmeticCorpus.Decode(corpus.Tokens.AsSpan(i * corpus.Length, corpus.Length).ToArray().Select(t => (long)t).ToArray());
            Assert.Matches("^<bos>[0-9]+\\+[0-9]+=[0-9]+<eos>$", text);
            var numbers = text[5..^5].Split('+', '=').Select(int.Parse).ToArray();
            Assert.Equal(numbers[0] + numbers[1], numbers[2]);
        }

        Assert.Equal("<bos>", ArithmeticCorpus.Decode(new long[] { 1 }));
    }

    [Fact]
    public void Labels_are_the_tokens_with_padding_set_to_the_ignore_index()
    {
        using var data = SequenceTensors.LoadArithmetic(0.1, CPU, ignoreIndex: -100, maxTrainSamples: 50);

        Assert.Equal(new long[] { 50, 14 }, data.TrainInputs.shape);
        var padding = data.TrainInputs.eq(ArithmeticCorpus.Padding);
        Assert.True(padding.any().item<bool>());
        Assert.True(data.TrainLabels.masked_select(padding).eq(-100).all().item<bool>());
        Assert.True(data.TrainLabels.masked_select(padding.logical_not()).eq(data.TrainInputs.masked_select(padding.logical_not())).all().item<bool>());
    }

    [Fact]
    public void Next_token_metrics_score_position_t_against_token_t_plus_one_and_skip_padding()
    {
        // A "model" whose logits at position t put all mass on token inputs[t] + 1: right wherever the next token is
        // the current one plus one. Sequence 1: tokens 3 4 5 0 (padding) → next tokens 4, 5 are right, then padding.
        // Sequence 2: tokens 3 9 0 0 → next token 9 is wrong (predicted 4), then padding twice.
        var inputs = tensor(new long[] { 3, 4, 5, 0, 3, 9, 0, 0 }, new long[] { 2, 4 });
        var labels = inputs.masked_fill(inputs.eq(0), -100);
        using var model = new ShiftByOne(15);

        var metrics = NextToken.Evaluate(model, inputs, labels, ignoreIndex: -100);

        Assert.Equal(3, metrics.Count); // three real targets: 4, 5 and 9
        TorchAssert.Close(2.0 / 3, metrics.Accuracy, 1e-9);
    }

    private sealed class ShiftByOne : nn.Module<Tensor, Tensor>
    {
        private readonly int _vocabulary;

        public ShiftByOne(int vocabulary)
            : base(nameof(ShiftByOne)) => _vocabulary = vocabulary;

        public override Tensor forward(Tensor input) =>
            nn.functional.one_hot((input + 1).remainder(_vocabulary), _vocabulary).to(float32) * 20;
    }
}
