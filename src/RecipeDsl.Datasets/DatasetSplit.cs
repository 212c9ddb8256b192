using System;

namespace RecipeDsl.Datasets;

/// <summary>Indices of the images in each part of a dataset; the three parts never overlap.</summary>
public sealed record DatasetSplit(int[] Train, int[] Validation, int[] Test)
{
    /// <summary>
    /// A split that depends only on <paramref name="seed"/> and the fractions, so that every recipe with the same
    /// validation fraction trains and is judged on the same images. The test part is taken first, so it does not
    /// move when the validation fraction changes.
    /// </summary>
    public static DatasetSplit Create(int count, double testFraction, double validationFraction, ulong seed)
    {
        if (testFraction is <= 0 or >= 1 || validationFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "Fractions must lie strictly between 0 and 1.");
        }

        var order = Shuffled(count, seed);
        var testCount = (int)Math.Round(count * testFraction);
        var validationCount = (int)Math.Round((count - testCount) * validationFraction);
        return new DatasetSplit(
            order[(testCount + validationCount)..],
            order[testCount..(testCount + validationCount)],
            order[..testCount]);
    }

    /// <summary>
    /// Training and validation parts of data whose test examples are kept apart (IDX t10k files, a test/ folder); the
    /// test part is empty.
    /// </summary>
    public static DatasetSplit WithoutTest(int count, double validationFraction, ulong seed)
    {
        if (validationFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "Fractions must lie strictly between 0 and 1.");
        }

        var order = Shuffled(count, seed);
        var validationCount = (int)Math.Round(count * validationFraction);
        return new DatasetSplit(order[validationCount..], order[..validationCount], Array.Empty<int>());
    }

    /// <summary>0 … count − 1 in an order that depends only on <paramref name="seed"/>.</summary>
    private static int[] Shuffled(int count, ulong seed)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // Fisher–Yates with SplitMix64: the same order on every runtime and machine.
        var state = seed;
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>One step of SplitMix64 (Steele et al. 2014): the same numbers on every runtime and machine.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
