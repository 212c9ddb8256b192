using System;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// A dataset's fixed train / validation / test split as tensors, so that batches are sliced by index with no
/// per-sample collation. Inputs are stored as compactly as the data allows; <see cref="Prepare"/> turns stored inputs
/// into what the model takes. Disposing it frees the tensors.
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

    /// <summary>Training inputs as stored (see <see cref="Prepare"/>).</summary>
    public Tensor TrainInputs { get; }

    /// <summary>Training labels, on the training device.</summary>
    public Tensor TrainLabels { get; }

    public Tensor ValidationInputs { get; }

    public Tensor ValidationLabels { get; }

    public Tensor TestInputs { get; }

    public Tensor TestLabels { get; }

    public long TrainCount => TrainInputs.shape[0];

    /// <summary>The batches of <paramref name="batchSize"/> one pass over the training split takes (the last may be smaller).</summary>
    public int TrainBatches(int batchSize) => (int)((TrainCount + batchSize - 1) / batchSize);

    /// <summary>Where the inputs are stored: the training device, or the CPU when they do not fit it.</summary>
    public Device StorageDevice => TrainInputs.device;

    /// <summary>The training examples at <paramref name="indices"/> (on <see cref="StorageDevice"/>), ready for the model, with their labels.</summary>
    /// <param name="augmentation">Applied to the stored images before <see cref="Prepare"/> (so padding is black, as in torchvision).</param>
    public (Tensor Inputs, Tensor Labels) TrainBatch(Tensor indices, ImageAugmentation? augmentation = null)
    {
        using var scope = NewDisposeScope();
        var inputs = augmentation is null && PreparedTrainInputs is { } prepared
            ? prepared.index_select(0, indices)
            : Prepare(augmentation is null ? TrainInputs.index_select(0, indices) : augmentation.Apply(TrainInputs.index_select(0, indices)));
        var labels = TrainLabels.index_select(0, indices.to(TrainLabels.device));
        return (inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The training inputs already as the model takes them, on <see cref="StorageDevice"/>, when the dataset keeps
    /// such a copy (<see cref="ClassificationData"/> does when it fits); null when batches are prepared one by one.
    /// </summary>
    protected virtual Tensor? PreparedTrainInputs => null;

    /// <summary>Stored inputs as the model takes them; the stored form itself unless a dataset stores them compactly.</summary>
    public virtual Tensor Prepare(Tensor stored) => stored.alias();

    public void Dispose()
    {
        DisposeTensors();
        GC.SuppressFinalize(this);
    }

    protected virtual void DisposeTensors()
    {
        foreach (var tensor in new[] { TrainInputs, TrainLabels, ValidationInputs, ValidationLabels, TestInputs, TestLabels })
        {
            tensor.Dispose();
        }
    }
}
