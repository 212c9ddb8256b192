using System;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// A dataset's fixed train / validation / test split as tensors on the training device, so that batches are sliced
/// by index with no per-sample collation. Disposing it frees the six tensors.
/// </summary>
public abstract class SplitTensors : IDisposable
{
    /// <param name="tensors">Train inputs and labels, validation inputs and labels, test inputs and labels.</param>
    protected SplitTensors(Tensor[] tensors)
    {
        if (tensors.Length != 6)
        {
            throw new ArgumentException("A split has six tensors: inputs and labels of train, validation and test.", nameof(tensors));
        }

        (TrainInputs, TrainLabels, ValidationInputs, ValidationLabels, TestInputs, TestLabels) =
            (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5]);
    }

    public Tensor TrainInputs { get; }

    public Tensor TrainLabels { get; }

    public Tensor ValidationInputs { get; }

    public Tensor ValidationLabels { get; }

    public Tensor TestInputs { get; }

    public Tensor TestLabels { get; }

    public long TrainCount => TrainInputs.shape[0];

    public void Dispose()
    {
        foreach (var tensor in new[] { TrainInputs, TrainLabels, ValidationInputs, ValidationLabels, TestInputs, TestLabels })
        {
            tensor.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
