using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace RecipeDsl.Datasets.Idx;

/// <summary>
/// A folder in the MNIST layout (MNIST, Fashion-MNIST, KMNIST, EMNIST): <c>train-images-idx3-ubyte</c>,
/// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each optionally
/// gzipped. Written by hand: the format is 4 header bytes, big-endian sizes and raw bytes (LeCun's page), and neither
/// TorchSharp nor TorchVision 0.107 reads it from a folder of the user's choosing.
/// </summary>
public static class IdxFolder
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads the train and test pairs of <paramref name="folder"/>; every problem names its file.</summary>
    /// <param name="howToGet">What to tell a user whose folder is missing (how to install the dataset).</param>
    public static LoadedDataset Read(string folder, string? howToGet = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataFileException(folder, File.Exists(folder)
                ? $"{folder} is a file; an IDX dataset is a folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz)."
                : $"The IDX folder {folder} does not exist.{Hint(howToGet)}");
        }

        var files = new List<string>();
        var train = ReadPair(folder, "train", files, howToGet);
        var test = ReadPair(folder, "t10k", files, howToGet);
        if (!train.Shape.SequenceEqual(test.Shape))
        {
            throw new DataFileException(folder, $"The training images are [{string.Join(", ", train.Shape)}] and the test images [{string.Join(", ", test.Shape)}] in {folder}; both must have one shape.");
        }

        return new LoadedDataset(train, test, null, files);
    }

    private static ExampleSet ReadPair(string folder, string prefix, List<string> files, string? howToGet)
    {
        var imagesPath = Find(folder, prefix + "-images", "idx3-ubyte", howToGet);
        var labelsPath = Find(folder, prefix + "-labels", "idx1-ubyte", howToGet);
        files.Add(imagesPath);
        files.Add(labelsPath);
        var (imageSizes, pixels) = ReadFile(imagesPath, expectedDimensions: 3);
        var (labelSizes, labelBytes) = ReadFile(labelsPath, expectedDimensions: 1);
        if (imageSizes[0] != labelSizes[0])
        {
            throw new DataFileException(labelsPath, $"{labelsPath} holds {labelSizes[0]:N0} labels for the {imageSizes[0]:N0} images of {imagesPath}.");
        }

        var labels = Array.ConvertAll(labelBytes, b => (int)b);
        return ExampleSet.OfBytes(new[] { 1, imageSizes[1], imageSizes[2] }, pixels, labels, imagesPath);
    }

    /// <summary>The file of one part, plain or gzipped, with '-' or '.' before the idx suffix (both spellings are in use).</summary>
    private static string Find(string folder, string stem, string suffix, string? howToGet)
    {
        var candidates = new[] { $"{stem}-{suffix}", $"{stem}.{suffix}" }.SelectMany(name => new[] { name + ".gz", name });
        foreach (var name in candidates)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DataFileException(Path.Combine(folder, $"{stem}-{suffix}.gz"),
            $"{folder} has no {stem}-{suffix} file (plain or .gz); an IDX folder holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.{Hint(howToGet)}");
    }

    /// <summary>Reads one IDX file of unsigned bytes: its sizes and its data.</summary>
    public static (int[] Sizes, byte[] Data) ReadFile(string path, int expectedDimensions)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            var header = ReadExactly(stream, 4, path, "its 4-byte header");
            if (header[0] != 0 || header[1] != 0)
            {
                throw new DataFileException(path, $"{path} is not an IDX file: it starts with {header[0]:X2} {header[1]:X2} {header[2]:X2} {header[3]:X2}, and IDX files start with 00 00.");
            }

            if (header[2] != UnsignedByte)
            {
                throw new DataFileException(path, $"{path} holds IDX data of type 0x{header[2]:X2}; RecipeDsl reads unsigned bytes (0x08), as MNIST-style datasets store them.");
            }

            if (header[3] != expectedDimensions)
            {
                var what = expectedDimensions == 3 ? "images (3 dimensions: count, rows, columns)" : "labels (1 dimension)";
                throw new DataFileException(path, $"{path} has {header[3]} dimension(s); it should hold {what}.");
            }

            var sizeBytes = ReadExactly(stream, 4 * expectedDimensions, path, "its sizes");
            var sizes = new int[expectedDimensions];
            long total = 1;
            for (var i = 0; i < expectedDimensions; i++)
            {
                sizes[i] = (sizeBytes[4 * i] << 24) | (sizeBytes[4 * i + 1] << 16) | (sizeBytes[4 * i + 2] << 8) | sizeBytes[4 * i + 3];
                if (sizes[i] <= 0)
                {
                    throw new DataFileException(path, $"{path} declares a size of {sizes[i]}; IDX sizes are positive.");
                }

                // Checked at every step, so that three large sizes cannot overflow the product.
                total *= sizes[i];
                if (total > Array.MaxLength)
                {
                    throw new DataFileException(path, $"{path} declares sizes [{string.Join(", ", sizes.Take(i + 1))}…], more bytes than one array holds.");
                }
            }

            // A plain file must hold what its header declares; checked before anything that large is allocated.
            if (stream is FileStream && file.Length - 4 - 4 * expectedDimensions < total)
            {
                throw new DataFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{path} is truncated: its header declares {total:N0} data bytes and it holds {file.Length - 4 - 4 * expectedDimensions:N0}."));
            }

            var data = ReadExactly(stream, (int)total, path, $"the {total:N0} data bytes its header declares");
            return (sizes, data);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"{path} cannot be read: {error.Message}", error);
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes, growing the buffer as data arrives, so that a gzipped file whose header
    /// claims far more than it holds fails as truncated without first allocating what it claims.
    /// </summary>
    private static byte[] ReadExactly(Stream stream, int count, string path, string what)
    {
        var buffer = new byte[Math.Min(count, 1 << 24)];
        var read = 0;
        while (read < count)
        {
            if (read == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            var chunk = stream.Read(buffer, read, buffer.Length - read);
            if (chunk == 0)
            {
                throw new DataFileException(path, $"{path} is truncated: it ends after {read:N0} of {what}.");
            }

            read += chunk;
        }

        return buffer;
    }

    private static string Hint(string? howToGet) => howToGet is null ? "" : " " + howToGet;
}
