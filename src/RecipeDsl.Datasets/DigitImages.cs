using System;

namespace RecipeDsl.Datasets;

/// <summary>Greyscale digit images as bytes: <see cref="Pixels"/> is row-major, <c>Count × Rows × Cols</c>.</summary>
public sealed class DigitImages
{
    public DigitImages(int rows, int cols, int classes, byte[] labels, byte[] pixels)
    {
        if (pixels.Length != labels.Length * rows * cols)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes do not make {labels.Length} images of {rows}×{cols}.", nameof(pixels));
        }

        Rows = rows;
        Cols = cols;
        Classes = classes;
        Labels = labels;
        Pixels = pixels;
    }

    public int Count => Labels.Length;

    public int Rows { get; }

    public int Cols { get; }

    public int Classes { get; }

    public byte[] Labels { get; }

    public byte[] Pixels { get; }
}
