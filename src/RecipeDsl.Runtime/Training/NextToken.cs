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

    /// <summary>Values of one forward pass's logits at most: a large vocabulary gets fewer windows per pass.</summary>
    private const long MaxChunkValues = 1L << 25;

    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, int bins = ClassificationMetrics.DefaultBins)
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = ScoredLogits(model, inputs, labels, ignoreIndex);
        return ClassificationMetrics.FromLogits(logits, targets, bins);
    }

    /// <summary>
    /// The logits (M, V) of every real next token of a split and those tokens (M): what the metrics and temperature
    /// scaling score, the padding left out. Computed in eval mode without gradients, in chunks of windows.
    /// </summary>
    public static (Tensor Logits, Tensor Targets) ScoredLogits(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var ignored = ((long)ignoreIndex).ToScalar();
        var logits = new List<Tensor>();
        var targets = new List<Tensor>();
        // One window tells the logits' size; then each pass takes as many windows as fit MaxChunkValues logits.
        var windowValues = inputs.shape[0] == 0 ? 1 : model.call(inputs.narrow(0, 0, 1)).numel();
        var chunk = System.Math.Max(1, MaxChunkValues / System.Math.Max(windowValues, 1));
        for (long start = 0; start < inputs.shape[0]; start += chunk)
        {
            var length = System.Math.Min(chunk, inputs.shape[0] - start);
            var output = model.call(inputs.narrow(0, start, length));
            var (shiftedLogits, shiftedTargets) = Shift(output, labels.narrow(0, start, length));
            var flatTargets = shiftedTargets.reshape(-1);
            var kept = flatTargets.ne(ignored).nonzero().squeeze(1);
            logits.Add(shiftedLogits.reshape(-1, shiftedLogits.shape[2]).index_select(0, kept));
            targets.Add(flatTargets.index_select(0, kept));
        }

        return (cat(logits, 0).MoveToOuterDisposeScope(), cat(targets, 0).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Fits one temperature on the validation split's tokens and scores the test split's tokens before and after it,
    /// leaving the model as it is: what temperature scaling gives a language model.
    /// </summary>
    public static Calibration.TemperatureScalingResult MeasureTemperatureScaling(nn.Module<Tensor, Tensor> model, Data.SequenceTensors data, int bins)
    {
        using var scope = NewDisposeScope();
        var (validationLogits, validationTargets) = ScoredLogits(model, data.ValidationInputs, data.ValidationLabels, data.IgnoreIndex);
        var (testLogits, testTargets) = ScoredLogits(model, data.TestInputs, data.TestLabels, data.IgnoreIndex);
        return Calibration.TemperatureScaling.FitAndEvaluate(validationLogits, validationTargets, testLogits, testTargets, bins);
    }
}
