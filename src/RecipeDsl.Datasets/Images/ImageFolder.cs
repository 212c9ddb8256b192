using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkiaSharp;

namespace RecipeDsl.Datasets.Images;

/// <summary>
/// torchvision's ImageFolder convention: <c>path/&lt;class&gt;/*.png|jpg|jpeg|bmp|webp</c>, or the same under
/// <c>train/</c> and <c>test/</c> (or <c>val/</c>, ImageNet's name). SkiaSharp decodes (in parallel) and resizes;
/// grayscale is PIL's "L" conversion, as torchvision's loader gives it.
/// </summary>
public static class ImageFolder
{
    public static readonly IReadOnlyList<string> Extensions = new[] { ".png", ".jpg", ".jpeg", ".bmp", ".webp" };

    /// <param name="shape">[C, H, W] of every decoded image: C = 1 (grayscale) or 3 (RGB).</param>
    /// <param name="classNames">The classes in index order when the recipe names them; otherwise the sorted folder names.</param>
    public static LoadedDataset Read(string path, int[] shape, IReadOnlyList<string>? classNames)
    {
        try
        {
            return ReadFolder(path, shape, classNames);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"{path} cannot be read: {error.Message}", error);
        }
    }

    private static LoadedDataset ReadFolder(string path, int[] shape, IReadOnlyList<string>? classNames)
    {
        if (!Directory.Exists(path))
        {
            throw new DataFileException(path, File.Exists(path)
                ? $"{path} is a file; format 'image_folder' reads a folder with one subfolder of images per class."
                : $"The image folder {path} does not exist.");
        }

        var trainRoot = Path.Combine(path, "train");
        var testRoot = Path.Combine(path, Directory.Exists(Path.Combine(path, "test")) ? "test" : "val");
        var split = Directory.Exists(trainRoot) && Directory.Exists(testRoot);
        var trainFolders = ClassFolders(split ? trainRoot : path);
        var names = classNames ?? trainFolders.Keys.ToArray();
        var files = new List<string>();
        var train = ReadClasses(split ? trainRoot : path, trainFolders, names, shape, files);
        var test = split ? ReadClasses(testRoot, ClassFolders(testRoot), names, shape, files) : null;
        return new LoadedDataset(train, test, names.ToArray(), files);
    }

    private static SortedDictionary<string, string> ClassFolders(string root)
    {
        var folders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(root))
        {
            folders.Add(Path.GetFileName(folder), folder);
        }

        return folders.Count > 0
            ? folders
            : throw new DataFileException(root, $"{root} has no class folders; an image folder holds one subfolder of images per class (path/<class>/*.png), optionally under train/ and test/.");
    }

    private static ExampleSet ReadClasses(string root, SortedDictionary<string, string> folders, IReadOnlyList<string> names, int[] shape, List<string> files)
    {
        var images = new List<(string File, int Label)>();
        foreach (var (name, folder) in folders)
        {
            var label = IndexOf(names, name);
            if (label < 0)
            {
                throw new DataFileException(folder, $"The class folder {folder} is not one of data.class_names [{string.Join(", ", names)}]; rename the folder or add its class.");
            }

            var classImages = Directory.EnumerateFiles(folder)
                .Where(file => Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                .OrderBy(file => file, StringComparer.Ordinal)
                .ToArray();
            if (classImages.Length == 0)
            {
                var layout = name is "train" or "test" or "val"
                    ? $" A {name}/ folder splits the data only beside its partner: train/ with test/ (or val/), each holding the class folders."
                    : "";
                throw new DataFileException(folder, $"The class folder {folder} holds no images ({string.Join(", ", Extensions)}).{layout}");
            }

            images.AddRange(classImages.Select(file => (file, label)));
        }

        files.Add(root);
        int channels = shape[0], height = shape[1], width = shape[2];
        var size = channels * height * width;
        if ((long)images.Count * size > Array.MaxLength)
        {
            throw new DataFileException(root,
                $"{root} holds {images.Count:N0} images of [{channels}, {height}, {width}]: {(double)images.Count * size / (1L << 30):N1} GiB of pixels, more than RecipeDsl loads at once (2 GiB); use a smaller data.input_shape or fewer images.");
        }
        var pixels = new byte[(long)images.Count * size];
        var failures = new DataFileException?[images.Count];
        Parallel.For(0, images.Count, i =>
        {
            try
            {
                Decode(images[i].File, channels, height, width).CopyTo(pixels.AsSpan(i * size, size));
            }
            catch (DataFileException error)
            {
                failures[i] = error;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                failures[i] = new DataFileException(images[i].File, $"{images[i].File} cannot be read as an image: {error.Message}", error);
            }
        });

        // The first bad file in file order, whichever thread met it first: the same message on every run.
        if (Array.Find(failures, failure => failure is not null) is { } first)
        {
            throw first;
        }

        return ExampleSet.OfBytes(shape, pixels, images.Select(image => image.Label).ToArray(), root);
    }

    /// <summary>One image as C×H×W bytes (channel-major, as tensors hold it).</summary>
    public static byte[] Decode(string file, int channels, int height, int width)
    {
        using var decoded = SKBitmap.Decode(file)
            ?? throw new DataFileException(file, $"{file} cannot be decoded as an image (it is damaged or not {string.Join("/", Extensions)}).");
        // One call converts to RGBA and scales (bilinear, with mipmaps when shrinking, like an antialiased resize).
        using var rgba = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!decoded.ScalePixels(rgba, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
        {
            throw new DataFileException(file, $"{file} could not be resized to {width}×{height}.");
        }

        var source = rgba.GetPixelSpan();
        var plane = height * width;
        var result = new byte[channels * plane];
        for (var p = 0; p < plane; p++)
        {
            int r = source[4 * p], g = source[4 * p + 1], b = source[4 * p + 2];
            if (channels == 1)
            {
                // PIL's convert("L"): ITU-R 601 weights in 16-bit fixed point, rounded.
                result[p] = (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
            else
            {
                result[p] = (byte)r;
                result[plane + p] = (byte)g;
                result[2 * plane + p] = (byte)b;
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
