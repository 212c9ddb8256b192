using System.Collections.Generic;
using RecipeDsl.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

public static class Evaluation
{
    /// <summary>Runs the model in eval mode without gradients over <paramref name="inputs"/> in chunks and scores it.</summary>
    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int chunkSize = 1000)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var chunks = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += chunkSize)
        {
            var length = System.Math.Min(chunkSize, inputs.shape[0] - start);
            chunks.Add(model.call(inputs.narrow(0, start, length)));
        }

        return ClassificationMetrics.FromLogits(cat(chunks, 0), labels);
    }
}
