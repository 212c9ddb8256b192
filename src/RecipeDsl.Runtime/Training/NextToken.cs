using System;
using System.Collections.Generic;
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

    /// <summary>Logit values one forward pass may produce (float32, 128 MB): a large vocabulary gets fewer windows per pass.</summary>
    private const long MaxChunkValues = 1L << 25;

    /// <summary>
    /// Validation logits temperature scaling fits T on at most (float32, 256 MB; the search works on a float64 copy): a
    /// large vocabulary fits on the split's first tokens only.
    /// </summary>
    public const long MaxFitValues = 1L << 26;

    /// <summary>Scores every real next token of a split, in chunks: no more than one chunk's logits exist at once.</summary>
    /// <param name="temperature">Divides the logits first (temperature scaling); 1 scores them as they are.</param>
    public static ClassificationMetrics Evaluate(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, int bins = ClassificationMetrics.DefaultBins, double temperature = 1)
    {
        using var scope = NewDisposeScope();
        using var divisor = temperature.ToScalar();
        var confidence = new List<Tensor>();
        var correct = new List<Tensor>();
        var nll = new List<Tensor>();
        ForEachChunk(model, inputs, labels, ignoreIndex, (logits, targets) =>
        {
            // Each chunk's own scope frees its logits; the scores (one value per token) move out to this one.
            var scores = ClassificationMetrics.Scores(temperature == 1 ? logits : logits.div(divisor), targets);
            confidence.Add(scores.Confidence.MoveToOuterDisposeScope());
            correct.Add(scores.Correct.MoveToOuterDisposeScope());
            nll.Add(scores.Nll.MoveToOuterDisposeScope());
            return true;
        });

        return ClassificationMetrics.FromScores(cat(confidence, 0), cat(correct, 0), cat(nll, 0), bins);
    }

    /// <summary>
    /// Fits one temperature on the validation split's tokens (its first <see cref="MaxFitValues"/> logits with a large
    /// vocabulary) and scores the test split's tokens before and after it, leaving the model as it is.
    /// </summary>
    public static Calibration.TemperatureScalingResult MeasureTemperatureScaling(nn.Module<Tensor, Tensor> model, Data.SequenceTensors data, int bins)
    {
        double temperature;
        using (var scope = NewDisposeScope())
        {
            var logits = new List<Tensor>();
            var targets = new List<Tensor>();
            long values = 0;
            ForEachChunk(model, data.ValidationInputs, data.ValidationLabels, data.IgnoreIndex, (chunkLogits, chunkTargets) =>
            {
                var room = (MaxFitValues - values) / System.Math.Max(chunkLogits.shape[1], 1);
                var kept = System.Math.Min(room, chunkLogits.shape[0]);
                logits.Add(chunkLogits.narrow(0, 0, kept).MoveToOuterDisposeScope());
                targets.Add(chunkTargets.narrow(0, 0, kept).MoveToOuterDisposeScope());
                values += kept * chunkLogits.shape[1];
                return kept == chunkLogits.shape[0] && values < MaxFitValues;
            });

            temperature = Calibration.TemperatureScaling.Fit(cat(logits, 0), cat(targets, 0));
        }

        return new Calibration.TemperatureScalingResult(
            temperature,
            Evaluate(model, data.TestInputs, data.TestLabels, data.IgnoreIndex, bins),
            Evaluate(model, data.TestInputs, data.TestLabels, data.IgnoreIndex, bins, temperature));
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the logits (m, V) of the real next tokens of successive chunks of windows and
    /// those tokens (m), until it returns false: padding left out, eval mode, no gradients, each chunk at most
    /// <see cref="MaxChunkValues"/> logits, freed when the call returns (move out what you keep).
    /// </summary>
    private static void ForEachChunk(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, Func<Tensor, Tensor, bool> visit)
    {
        model.eval();
        using var noGrad = no_grad();
        using var ignored = ((long)ignoreIndex).ToScalar();
        long chunk = 1;
        for (long start = 0; start < inputs.shape[0]; start += chunk)
        {
            using var scope = NewDisposeScope();
            if (start == 0)
            {
                // One window tells the logits' size; then each pass takes as many windows as fit MaxChunkValues.
                chunk = System.Math.Max(1, MaxChunkValues / System.Math.Max(model.call(inputs.narrow(0, 0, 1)).numel(), 1));
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
