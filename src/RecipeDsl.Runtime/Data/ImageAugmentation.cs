using System;
using RecipeDsl.Torch;
using RecipeDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// <c>data.augment</c>: random crops after padding, and horizontal flips, of training images only. Each image of a
/// batch gets its own offset and flip, drawn on a CPU generator reseeded from the recipe's seed and the epoch (so a
/// resumed run draws what the uninterrupted run drew, on every device) and applied on the device where the batch is.
/// Written by hand because TorchVision 0.107 has neither: its HorizontalFlip always flips, and RandomResizedCrop draws
/// once per call from an unseeded System.Random, so every image of a batch would share one crop and no run would repeat.
/// </summary>
public sealed class ImageAugmentation : IDisposable
{
    private readonly int _padding;
    private readonly bool _flip;
    private readonly int _seed;
    private Generator _generator;

    /// <param name="randomCrop">Pad each side by this many pixels (zeros, black) and crop back at a random offset; 0 is off.</param>
    public ImageAugmentation(int randomCrop, bool horizontalFlip, int seed)
    {
        if (randomCrop < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(randomCrop), randomCrop, "Padding is a number of pixels, 0 or more.");
        }

        (_padding, _flip, _seed) = (randomCrop, horizontalFlip, seed);
        _generator = new Generator((ulong)seed);
    }

    /// <summary>Reseeds the draws for <paramref name="epoch"/>.</summary>
    public void StartEpoch(int epoch)
    {
        _generator.Dispose();
        _generator = new Generator((ulong)Seeding.EpochSeed(_seed, epoch));
    }

    /// <summary>Augments a batch of stored images (N, C, H, W); returns a new tensor of the same shape and dtype.</summary>
    public Tensor Apply(Tensor images)
    {
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Augmentation takes images (N, C, H, W); got [{string.Join(", ", images.shape)}].", nameof(images));
        }

        using var scope = NewDisposeScope();
        var result = images;
        if (_padding > 0)
        {
            result = RandomCrop(result);
        }

        if (_flip)
        {
            var count = images.shape[0];
            var flips = randint(0, 2, new[] { count }, generator: _generator).to(ScalarType.Bool).to(images.device).view(count, 1, 1, 1);
            result = where(flips, result.flip(3), result);
        }

        return result.alias().MoveToOuterDisposeScope();
    }

    private Tensor RandomCrop(Tensor images)
    {
        long count = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var padded = nn.functional.pad(images, new long[] { _padding, _padding, _padding, _padding });
        var offsets = 2 * _padding + 1;
        var top = randint(0, offsets, new[] { count, 1 }, generator: _generator).to(images.device);
        var left = randint(0, offsets, new[] { count, 1 }, generator: _generator).to(images.device);
        using var sides = new HeldScalars();
        var rows = top.add(arange(sides.Of(height), int64, images.device).unsqueeze(0), alpha: HeldScalars.One);
        var columns = left.add(arange(sides.Of(width), int64, images.device).unsqueeze(0), alpha: HeldScalars.One);
        // Row i of image n comes from padded row top[n] + i, column j from left[n] + j: two gathers, one per axis.
        var cropRows = padded.gather(2, rows.view(count, 1, height, 1).expand(count, channels, height, padded.shape[3]));
        return cropRows.gather(3, columns.view(count, 1, 1, width).expand(count, channels, height, width));
    }

    public void Dispose() => _generator.Dispose();
}
