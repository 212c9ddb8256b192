using System;
using RecipeDsl.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>The embedded digits as normalised (N, 1, 28, 28) float tensors and int64 labels, on the training device.</summary>
public sealed class DigitTensors : SplitTensors
{
    // The usual MNIST normalisation constants (mean and standard deviation of the training pixels).
    private const float Mean = 0.1307f;
    private const float Std = 0.3081f;

    private DigitTensors(Tensor[] tensors, int classes)
        : base(tensors) => Classes = classes;

    public int Classes { get; }

    /// <param name="maxTrainSamples">Keep only the first N training images (after the fixed split), for quick runs.</param>
    /// <param name="labelNoise">Share of training labels replaced by another class (<see cref="LabelNoise"/>); validation and test labels stay clean.</param>
    /// <param name="noiseSeed">Seeds which labels are corrupted.</param>
    public static DigitTensors LoadMnist(double validationFraction, Device device, int? maxTrainSamples = null, double labelNoise = 0, int noiseSeed = 0)
    {
        var images = MnistDigits.Load();
        var split = MnistDigits.Split(validationFraction);
        var train = maxTrainSamples is { } limit ? split.Train[..Math.Min(Math.Max(limit, 1), split.Train.Length)] : split.Train;
        var tensors = new Tensor[6];
        (tensors[0], tensors[1]) = ToTensors(images, train, device);
        if (labelNoise > 0)
        {
            using var clean = tensors[1];
            tensors[1] = LabelNoise.Corrupt(clean, labelNoise, images.Classes, noiseSeed).DetachFromDisposeScope();
        }

        (tensors[2], tensors[3]) = ToTensors(images, split.Validation, device);
        (tensors[4], tensors[5]) = ToTensors(images, split.Test, device);
        return new DigitTensors(tensors, images.Classes);
    }

    private static (Tensor Inputs, Tensor Labels) ToTensors(DigitImages images, int[] indices, Device device)
    {
        var size = images.Rows * images.Cols;
        var pixels = new byte[indices.Length * size];
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Array.Copy(images.Pixels, indices[i] * size, pixels, i * size, size);
            labels[i] = images.Labels[indices[i]];
        }

        // Every intermediate (the byte tensor, the CPU copies) dies with this scope; only the results leave it.
        using var scope = NewDisposeScope();
        using var scale = 255.0.ToScalar();
        using var mean = ((double)Mean).ToScalar();
        using var std = ((double)Std).ToScalar();
        var inputs = tensor(pixels, new long[] { indices.Length, 1, images.Rows, images.Cols }).to(float32).div_(scale).sub_(mean).div_(std).to(device);
        var targets = tensor(labels).to(device);
        return (inputs.DetachFromDisposeScope(), targets.DetachFromDisposeScope());
    }
}
