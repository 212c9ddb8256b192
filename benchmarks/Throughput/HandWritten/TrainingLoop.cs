using System;
using System.Collections.Generic;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Benchmarks.Throughput.HandWritten;

/// <summary>
/// The loop a TorchSharp user writes by hand, as TorchSharp's examples do: shuffle, slice a batch, zero_grad, forward,
/// cross-entropy with label smoothing 0.1, backward, TorchSharp's AdamW step; then a validation pass (accuracy and NLL).
/// The inputs are converted to floats once, before timing: the hand-written loop gets every advantage.
/// </summary>
internal static class TrainingLoop
{
    /// <returns>Wall-clock seconds of each epoch, its validation pass included.</returns>
    public static List<double> Run(nn.Module<Tensor, Tensor> model, Tensor trainInputs, Tensor trainLabels, Tensor validationInputs, Tensor validationLabels, int epochs, int batchSize)
    {
        model.to(trainInputs.device);
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01);
        var seconds = new List<double>();
        var count = trainInputs.shape[0];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            using (var epochScope = NewDisposeScope())
            {
                var order = randperm(count, device: trainInputs.device);
                for (long start = 0; start < count; start += batchSize)
                {
                    using var batchScope = NewDisposeScope();
                    var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(model.call(trainInputs.index_select(0, indices)), trainLabels.index_select(0, indices), label_smoothing: 0.1);
                    loss.backward();
                    optimizer.step();
                }
            }

            model.eval();
            using (var validationScope = NewDisposeScope())
            using (no_grad())
            {
                var logits = model.call(validationInputs);
                var accuracy = logits.argmax(1).eq(validationLabels).to(ScalarType.Float64).mean().item<double>();
                var nll = nn.functional.cross_entropy(logits, validationLabels).item<float>();
                if (!double.IsFinite(accuracy + nll))
                {
                    throw new InvalidOperationException("The hand-written loop diverged.");
                }
            }

            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return seconds;
    }
}
