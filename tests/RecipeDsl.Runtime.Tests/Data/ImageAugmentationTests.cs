using RecipeDsl.Data;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

public sealed class ImageAugmentationTests
{
    /// <summary>Eight 1×5×5 images whose pixel (y, x) holds 1 + 5y + x, so every crop shows where it came from.</summary>
    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static Tensor Images() => arange(1, 26, dtype: uint8).view(1, 1, 5, 5).expand(8, 1, 5, 5).contiguous();

    [Fact]
    public void A_random_crop_shifts_each_image_by_its_own_offset_within_the_padding()
    {
        using var augmentation = new ImageAugmentation(randomCrop: 1, horizontalFlip: false, seed: 3);
        augmentation.StartEpoch(1);

        using var cropped = augmentation.Apply(Images());

        Assert.Equal(new long[] { 8, 1, 5, 5 }, cropped.shape);
        var centres = new System.Collections.Generic.HashSet<byte>();
        for (var n = 0; n < 8; n++)
        {
            // The centre pixel (value 13) moves by at most one row and one column.
            var centre = cropped[n, 0, 2, 2].item<byte>();
            Assert.Contains(centre, new byte[] { 7, 8, 9, 12, 13, 14, 17, 18, 19 });
            centres.Add(centre);
        }

        Assert.True(centres.Count > 1, "every image of the batch got the same crop");
    }

    [Fact]
    public void Padding_is_black()
    {
        using var augmentation = new ImageAugmentation(randomCrop: 5, horizontalFlip: false, seed: 1);
        augmentation.StartEpoch(1);

        using var cropped = augmentation.Apply(Images());

        Assert.Equal(0, cropped.min().item<byte>());
    }

    [Fact]
    public void A_flip_mirrors_some_images_and_leaves_the_others()
    {
        using var augmentation = new ImageAugmentation(randomCrop: 0, horizontalFlip: true, seed: 5);
        augmentation.StartEpoch(1);
        using var images = Images();

        using var flipped = augmentation.Apply(images);

        var mirrored = 0;
        for (var n = 0; n < 8; n++)
        {
            var same = Same(flipped[n], images[n]);
            Assert.True(same || Same(flipped[n], images[n].flip(2)));
            mirrored += same ? 0 : 1;
        }

        Assert.InRange(mirrored, 1, 7);
    }

    [Fact]
    public void The_same_seed_and_epoch_draw_the_same_augmentation_and_another_epoch_another()
    {
        using var first = new ImageAugmentation(1, true, seed: 9);
        using var second = new ImageAugmentation(1, true, seed: 9);
        first.StartEpoch(2);
        second.StartEpoch(2);
        using var images = Images();

        Assert.True(Same(first.Apply(images), second.Apply(images)));

        second.StartEpoch(3);
        first.StartEpoch(2);
        Assert.False(Same(first.Apply(images), second.Apply(images)));
    }
}
