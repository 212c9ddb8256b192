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

    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int ignoreIndex, int bins = ClassificationMetrics.DefaultBins, int chunkSize = 1000)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = new List<Tensor>();
        var targets = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += chunkSize)
        {
            var length = System.Math.Min(chunkSize, inputs.shape[0] - start);
            var (shiftedLogits, shiftedTargets) = Shift(model.call(inputs.narrow(0, start, length)), labels.narrow(0, start, length));
            var flatTargets = shiftedTargets.reshape(-1);
            using var ignored = ((long)ignoreIndex).ToScalar();
            var kept = flatTargets.ne(ignored).nonzero().squeeze(1);
            logits.Add(shiftedLogits.reshape(-1, shiftedLogits.shape[2]).index_select(0, kept));
            targets.Add(flatTargets.index_select(0, kept));
        }

        return ClassificationMetrics.FromLogits(cat(logits, 0), cat(targets, 0), bins);
    }
}
