using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// Next-token prediction: position t's logits are scored against token t + 1 (the shift), and padding (the ignore
/// index) is left out of every metric, so accuracy, NLL and ECE are per real token.
/// </summary>
public static class NextToken
{
    /// <summary>Logits (N, T − 1, V) and targets (N, T − 1): the shift of next-token prediction.</summary>
    public static (Tensor Logits, Tensor Targets) Shift(Tensor logits, Tensor labels) =>
        (logits.narrow(1, 0, logits.shape[1] - 1), labels.narrow(1, 1, labels.shape[1] - 1));

    /// <summary>
    /// Logit values one forward pass produces at most, unless one window alone has more (float32, 128 MB; scoring them
    /// takes a few float64 copies more): a large vocabulary gets fewer windows per pass.
    /// </summary>
    public const long MaxChunkValues = 1L << 25;

    /// <summary>
    /// Token positions one forward pass takes at most: the model's activations grow with them (a transformer's MLP and
    /// attention), whatever the vocabulary; 16,384 keep a small model's evaluation within a few hundred MB.
    /// </summary>
    public const long MaxChunkTokens = 1L << 14;

    /// <summary>
    /// Validation logits temperature scaling fits T on at most (float32, 256 MB; the search works on a float64 copy): a
    /// large vocabulary fits on every k-th validation token, spread over the whole split.
    /// </summary>
    public const long MaxFitValues = 1L << 26;

    /// <summary>Scores every real next token of a split, in chunks: no more than one chunk's logits exist at once.</summary>
    public static ClassificationMetrics Evaluate(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, int bins = ClassificationMetrics.DefaultBins) =>
        Evaluate(model, inputs, labels, ignoreIndex, bins, new[] { 1.0 }, MaxChunkValues)[0];

    /// <summary>
    /// Fits one temperature on the validation split's tokens (at most <see cref="MaxFitValues"/> logits, spread over the
    /// split) and scores the test split's tokens before and after it in one pass, leaving the model as it is.
    /// </summary>
    public static Calibration.TemperatureScalingResult MeasureTemperatureScaling(nn.Module<Tensor, Tensor> model, Data.SequenceTensors data, int bins) =>
        MeasureTemperatureScaling(model, data, bins, MaxChunkValues, MaxFitValues);

    /// <param name="maxChunkValues">See <see cref="MaxChunkValues"/>; smaller in tests, to cross chunk boundaries.</param>
    /// <param name="maxFitValues">See <see cref="MaxFitValues"/>; smaller in tests, to sample.</param>
    internal static Calibration.TemperatureScalingResult MeasureTemperatureScaling(
        nn.Module<Tensor, Tensor> model, Data.SequenceTensors data, int bins, long maxChunkValues, long maxFitValues)
    {
        double temperature;
        using (var scope = NewDisposeScope())
        {
            // Every k-th scored token, k chosen from the split's scored tokens (counted on the labels, no model needed).
            using var ignored = ((long)data.IgnoreIndex).ToScalar();
            var labels = data.ValidationLabels;
            var scored = labels.narrow(1, 1, labels.shape[1] - 1).ne(ignored).sum().item<long>();
            var logits = new List<Tensor>();
            var targets = new List<Tensor>();
            long stride = 0, seen = 0;
            ForEachChunk(model, data.ValidationInputs, data.ValidationLabels, data.IgnoreIndex, maxChunkValues, (chunkLogits, chunkTargets) =>
            {
                if (stride == 0)
                {
                    stride = System.Math.Max(1, (scored * chunkLogits.shape[1] + maxFitValues - 1) / maxFitValues);
                }

                // Rows seen + r with (seen + r) % stride == 0.
                var first = (stride - seen % stride) % stride;
                seen += chunkLogits.shape[0];
                if (first >= chunkLogits.shape[0])
                {
                    return true;
                }

                using var from = first.ToScalar();
                using var to = chunkLogits.shape[0].ToScalar();
                using var step = stride.ToScalar();
                var rows = arange(from, to, step, dtype: ScalarType.Int64, device: chunkLogits.device);
                logits.Add(chunkLogits.index_select(0, rows).MoveToOuterDisposeScope());
                targets.Add(chunkTargets.index_select(0, rows).MoveToOuterDisposeScope());
                return true;
            });

            temperature = Calibration.TemperatureScaling.Fit(cat(logits, 0), cat(targets, 0));
        }

        var test = Evaluate(model, data.TestInputs, data.TestLabels, data.IgnoreIndex, bins, new[] { 1.0, temperature }, maxChunkValues);
        return new Calibration.TemperatureScalingResult(temperature, test[0], test[1]);
    }

    /// <summary>The metrics of a split's tokens with the logits divided by each of <paramref name="temperatures"/>, in one pass.</summary>
    internal static ClassificationMetrics[] Evaluate(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, int bins, double[] temperatures, long maxChunkValues)
    {
        using var scope = NewDisposeScope();
        var divisors = temperatures.Select(temperature => temperature.ToScalar()).ToArray();
        try
        {
            var scores = temperatures.Select(_ => (Confidence: new List<Tensor>(), Correct: new List<Tensor>(), Nll: new List<Tensor>())).ToArray();
            ForEachChunk(model, inputs, labels, ignoreIndex, maxChunkValues, (logits, targets) =>
            {
                for (var i = 0; i < temperatures.Length; i++)
                {
                    // Each chunk's own scope frees its logits; the scores (one value per token) move out to this one.
                    var (confidence, correct, nll) = ClassificationMetrics.Scores(temperatures[i] == 1 ? logits : logits.div(divisors[i]), targets);
                    scores[i].Confidence.Add(confidence.MoveToOuterDisposeScope());
                    scores[i].Correct.Add(correct.MoveToOuterDisposeScope());
                    scores[i].Nll.Add(nll.MoveToOuterDisposeScope());
                }

                return true;
            });

            return scores.Select(each => ClassificationMetrics.FromScores(cat(each.Confidence, 0), cat(each.Correct, 0), cat(each.Nll, 0), bins)).ToArray();
        }
        finally
        {
            foreach (var divisor in divisors)
            {
                divisor.Dispose();
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the logits (m, V) of the real next tokens of successive chunks of windows and
    /// those tokens (m), until it returns false: padding left out, eval mode, no gradients, each chunk at most
    /// <paramref name="maxChunkValues"/> logits unless one window has more, freed when the call returns (move out what
    /// you keep).
    /// </summary>
    private static void ForEachChunk(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, long maxChunkValues, Func<Tensor, Tensor, bool> visit)
    {
        if (inputs.shape[0] == 0)
        {
            throw new ArgumentException("A split with no windows has no tokens to score.", nameof(inputs));
        }

        model.eval();
        using var noGrad = no_grad();
        using var ignored = ((long)ignoreIndex).ToScalar();
        long chunk = 1;
        for (long start = 0; start < inputs.shape[0]; start += chunk)
        {
            using var scope = NewDisposeScope();
            if (start == 0)
            {
                // One window tells the logits' size; then each pass takes as many windows as fit both budgets.
                var byLogits = maxChunkValues / System.Math.Max(model.call(inputs.narrow(0, 0, 1)).numel(), 1);
                chunk = System.Math.Max(1, System.Math.Min(byLogits, MaxChunkTokens / System.Math.Max(inputs.shape[1], 1)));
            }

            var length = System.Math.Min(chunk, inputs.shape[0] - start);
            var (shiftedLogits, shiftedTargets) = Shift(model.call(inputs.narrow(0, start, length)), labels.narrow(0, start, length));
            var flatTargets = shiftedTargets.reshape(-1);
            var kept = flatTargets.ne(ignored).nonzero().squeeze(1);
            if (!visit(shiftedLogits.reshape(-1, shiftedLogits.shape[2]).index_select(0, kept), flatTargets.index_select(0, kept)))
            {
                return;
            }
        }
    }
}
