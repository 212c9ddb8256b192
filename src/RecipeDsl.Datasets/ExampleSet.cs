using System;

namespace RecipeDsl.Datasets;

/// <summary>
/// Labelled examples as one flat array, example after example: images as bytes (compact; scaled and normalised per
/// batch on the training device), table rows and ready-made tensors as floats.
/// </summary>
public sealed class ExampleSet
{
    private ExampleSet(int[] shape, int[] labels, byte[]? bytes, float[]? floats, string source)
    {
        Shape = shape;
        Labels = labels;
        Bytes = bytes;
        Floats = floats;
        Source = source;
        var length = bytes?.LongLength ?? floats!.LongLength;
        if (length != (long)labels.Length * ExampleSize)
        {
            throw new ArgumentException($"{length} values do not make {labels.Length} examples of [{string.Join(", ", shape)}].");
        }
    }

    /// <summary>Images of bytes (0–255).</summary>
    public static ExampleSet OfBytes(int[] shape, byte[] values, int[] labels, string source) => new(shape, labels, values, null, source);

    /// <summary>Examples of float values, such as a table's features.</summary>
    public static ExampleSet OfFloats(int[] shape, float[] values, int[] labels, string source) => new(shape, labels, null, values, source);

    /// <summary>The shape of one example: [C, H, W] or [F].</summary>
    public int[] Shape { get; }

    /// <summary>The class index of each example.</summary>
    public int[] Labels { get; }

    public byte[]? Bytes { get; }

    public float[]? Floats { get; }

    /// <summary>The file or folder the examples came from, for messages.</summary>
    public string Source { get; }

    public int Count => Labels.Length;

    public int ExampleSize
    {
        get
        {
            var size = 1;
            foreach (var dimension in Shape)
            {
                size *= dimension;
            }

            return size;
        }
    }
}
