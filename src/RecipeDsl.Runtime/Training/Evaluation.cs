using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Metrics;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

public static class Evaluation
{
    private const long MaxChunkValues = 1L << 24;

    /// <summary>The model's logits for <paramref name="inputs"/>, computed in eval mode without gradients, in chunks.</summary>
    /// <param name="data">Prepares stored inputs chunk by chunk (bytes to normalised floats on the device); null when they are ready.</param>
    /// <param name="chunkSize">Examples per forward pass; by default as many as hold about 16 million input values (at most 1,000).</param>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor inputs, Data.SplitTensors? data = null, int? chunkSize = null)
    {
        // Large examples get smaller chunks: one forward pass holds about as many input values whatever the image size.
        var exampleValues = inputs.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
        var perPass = chunkSize ?? (int)Math.Clamp(MaxChunkValues / Math.Max(exampleValues, 1), 1, 1000);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var chunks = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += perPass)
        {
            // A scope per pass: a network's activations are freed with their pass, not kept until the last one (a
            // 32-64-channel conv net held 3.5 GiB over Fashion-MNIST's test split that way).
            using var passScope = NewDisposeScope();
            var length = Math.Min(perPass, inputs.shape[0] - start);
            var chunk = inputs.narrow(0, start, length);
            chunks.Add(model.call(data is null ? chunk : data.Prepare(chunk)).MoveToOuterDisposeScope());
        }

        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Scores the model on a labelled set (ECE with <paramref name="bins"/> equal-width bins).</summary>
    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int bins = ClassificationMetrics.DefaultBins)
    {
        using var logits = Logits(model, inputs);
        return ClassificationMetrics.FromLogits(logits, labels, bins);
    }

    /// <summary>Scores the model on the validation split of <paramref name="data"/>.</summary>
    public static ClassificationMetrics Validation(nn.Module<Tensor, Tensor> model, Data.SplitTensors data, int bins) =>
        Scored(model, data, data.ValidationInputs, data.ValidationLabels, bins);

    /// <summary>Scores the model on the test split of <paramref name="data"/>.</summary>
    public static ClassificationMetrics Test(nn.Module<Tensor, Tensor> model, Data.SplitTensors data, int bins) =>
        Scored(model, data, data.TestInputs, data.TestLabels, bins);

    private static ClassificationMetrics Scored(nn.Module<Tensor, Tensor> model, Data.SplitTensors data, Tensor inputs, Tensor labels, int bins)
    {
        using var logits = Logits(model, inputs, data);
        return ClassificationMetrics.FromLogits(logits, labels, bins);
    }

    /// <summary>
    /// Fits a temperature on the validation split and scores the test split before and after it, leaving the model as
    /// it is: what temperature scaling gives this model (recipes that scale then store T in their model).
    /// </summary>
    public static Calibration.TemperatureScalingResult MeasureTemperatureScaling(nn.Module<Tensor, Tensor> model, Data.SplitTensors data, int bins)
    {
        using var validationLogits = Logits(model, data.ValidationInputs, data);
        using var testLogits = Logits(model, data.TestInputs, data);
        return Calibration.TemperatureScaling.FitAndEvaluate(validationLogits, data.ValidationLabels, testLogits, data.TestLabels, bins);
    }
}
