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
    /// <summary>What the generated loop does per batch that this loop may add, one at a time, to find what costs.</summary>
    [Flags]
    public enum Additions
    {
        None = 0,

        /// <summary>Inputs stored as bytes and converted to normalised floats per batch (<c>data.Prepare</c>).</summary>
        PreparePerBatch = 1,

        /// <summary>The epoch's loss and mean confidence summed on the device per batch (<c>EpochTotals.Add</c>).</summary>
        EpochTotals = 2,

        /// <summary>RecipeDsl's AdamW (every number a held Scalar) instead of TorchSharp's.</summary>
        LibraryAdamW = 4,

        /// <summary>The validation pass through RecipeDsl's <c>Evaluation</c> (float64 NLL, ECE, MCE, reliability bins).</summary>
        LibraryValidation = 8,
    }

    /// <returns>Wall-clock seconds of each epoch, its validation pass included.</returns>
    /// <param name="prepare">Turns stored inputs into model inputs, for <see cref="Additions.PreparePerBatch"/>.</param>
    public static List<double> Run(
        nn.Module<Tensor, Tensor> model, Tensor trainInputs, Tensor trainLabels, Tensor validationInputs, Tensor validationLabels, int epochs, int batchSize,
        Additions additions = Additions.None, Func<Tensor, Tensor>? prepare = null)
    {
        model.to(validationInputs.device);
        using var optimizer = additions.HasFlag(Additions.LibraryAdamW)
            ? (optim.Optimizer)new RecipeDsl.Optimizers.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01)
            : optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01);
        var seconds = new List<double>();
        var count = trainInputs.shape[0];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            using (var epochScope = NewDisposeScope())
            using (var totals = new RecipeDsl.Training.EpochTotals("hand-written", epoch))
            {
                var order = randperm(count, device: trainInputs.device);
                for (long start = 0; start < count; start += batchSize)
                {
                    using var batchScope = NewDisposeScope();
                    var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
                    var inputs = trainInputs.index_select(0, indices);
                    optimizer.zero_grad();
                    var logits = model.call(additions.HasFlag(Additions.PreparePerBatch) ? prepare!(inputs) : inputs);
                    var loss = nn.functional.cross_entropy(logits, trainLabels.index_select(0, indices), label_smoothing: 0.1);
                    loss.backward();
                    optimizer.step();
                    if (additions.HasFlag(Additions.EpochTotals))
                    {
                        totals.Add(loss, logits);
                    }
                }

                if (additions.HasFlag(Additions.EpochTotals))
                {
                    totals.Means();
                }
            }

            model.eval();
            if (additions.HasFlag(Additions.LibraryValidation))
            {
                var metrics = RecipeDsl.Training.Evaluation.Evaluate(model, validationInputs, validationLabels);
                if (!double.IsFinite(metrics.Nll))
                {
                    throw new InvalidOperationException("The hand-written loop diverged.");
                }
            }
            else
            {
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
            }

            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return seconds;
    }
}
