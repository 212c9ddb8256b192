using System;
using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Metrics;
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

    [Fact]
    public void Chunked_token_metrics_equal_the_metrics_of_all_logits_at_once_and_temperature_divides_them()
    {
        manual_seed(7);
        using var scope = NewDisposeScope();
        var inputs = randint(15, new long[] { 6, 9 }, dtype: ScalarType.Int64);
        var labels = inputs.clone();
        labels[TensorIndex.Slice(4), TensorIndex.Slice(6)] = tensor(-100L);
        using var model = new RandomLogits(15);
        model.eval();
        var (shifted, targets) = NextToken.Shift(model.call(inputs), labels);
        var flatTargets = targets.reshape(-1);
        var kept = flatTargets.ne(-100).nonzero().squeeze(1);
        var all = shifted.reshape(-1, 15).index_select(0, kept);

        Assert.Equal(ClassificationMetrics.FromLogits(all, flatTargets.index_select(0, kept)), NextToken.Evaluate(model, inputs, labels, -100));
        // Two windows per pass (9 positions × 15 logits each): three chunks, and both temperatures from one pass.
        var chunked = NextToken.Evaluate(model, inputs, labels, -100, ClassificationMetrics.DefaultBins, new[] { 1.0, 2.5 }, maxChunkValues: 2 * 9 * 15);
        Assert.Equal(ClassificationMetrics.FromLogits(all, flatTargets.index_select(0, kept)), chunked[0]);
        Assert.Equal(ClassificationMetrics.FromLogits(all / 2.5, flatTargets.index_select(0, kept)), chunked[1]);
    }

    [Fact]
    public void Temperature_scaling_over_tokens_fits_on_a_sample_spread_over_the_split_and_leaves_no_tensor_behind()
    {
        manual_seed(5);
        using var data = SequenceTensors.LoadArithmetic(0.1, CPU, ignoreIndex: -100, maxTrainSamples: 50);
        using var model = new RandomLogits(15);
        using var scope = NewDisposeScope();
        var (shifted, targets) = NextToken.Shift(model.call(data.ValidationInputs), data.ValidationLabels);
        var flatTargets = targets.reshape(-1);
        var kept = flatTargets.ne(-100).nonzero().squeeze(1);
        var allLogits = shifted.reshape(-1, 15).index_select(0, kept);
        var allTargets = flatTargets.index_select(0, kept);
        var live = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // A budget that holds every validation logit fits on all of them, chunk boundaries or not.
        var whole = NextToken.MeasureTemperatureScaling(model, data, 15, maxChunkValues: 7 * 14 * 15, maxFitValues: long.MaxValue / 2);
        // A budget of a tenth of the tokens fits on every 10th (or so) token of the whole split.
        var sampled = NextToken.MeasureTemperatureScaling(model, data, 15, maxChunkValues: 7 * 14 * 15, maxFitValues: allLogits.shape[0] * 15 / 10);
        var liveAfter = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Assert.Equal(live, liveAfter);
        Assert.Equal(RecipeDsl.Calibration.TemperatureScaling.Fit(allLogits, allTargets), whole.Temperature, 9);
        Assert.Equal(NextToken.Evaluate(model, data.TestInputs, data.TestLabels, -100), whole.Before);
        Assert.InRange(sampled.Temperature, RecipeDsl.Calibration.TemperatureScaling.MinTemperature, RecipeDsl.Calibration.TemperatureScaling.MaxTemperature);
        Assert.InRange(sampled.Temperature / whole.Temperature, 0.5, 2);
    }

    /// <summary>Fixed logits per token id: a deterministic "model" whose outputs are not all the same.</summary>
    private sealed class RandomLogits : nn.Module<Tensor, Tensor>
    {
        private readonly Tensor _table;

        public RandomLogits(int vocabulary)
            : base(nameof(RandomLogits)) => _table = randn(vocabulary, vocabulary) * 3;

        public override Tensor forward(Tensor input) => _table.index_select(0, input.reshape(-1)).reshape(input.shape[0], input.shape[1], -1);
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
