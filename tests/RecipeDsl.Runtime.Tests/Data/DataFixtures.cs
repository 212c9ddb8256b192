using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SkiaSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

/// <summary>
/// Small data files of every format, written by the tests into a fresh folder (deleted on dispose). Classes are
/// easy to tell apart, so a few epochs learn them: class k of an image set is a bright band across row band k, which
/// a horizontal flip keeps and a small crop only shifts.
/// </summary>
public sealed class DataFixtures : IDisposable
{
    public DataFixtures() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "recipedsl-data-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A grayscale image of class <paramref name="label"/>: a bright band in one of four row bands, with seeded noise.</summary>
    public static byte[] Pixels(int label, int side, Random random)
    {
        var pixels = new byte[side * side];
        var band = side / 4;
        var top = label % 4 * band;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var inside = y >= top && y < top + band;
                pixels[y * side + x] = (byte)Math.Clamp((inside ? 200 : 30) + random.Next(-25, 26), 0, 255);
            }
        }

        return pixels;
    }

    /// <summary>An MNIST-layout folder: train and t10k images and labels, gzipped or plain.</summary>
    public string Idx(string name, int train, int test, int side = 12, int classes = 4, bool gzip = true)
    {
        var folder = PathOf(name);
        Directory.CreateDirectory(folder);
        var random = new Random(1);
        foreach (var (prefix, count) in new[] { ("train", train), ("t10k", test) })
        {
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % classes)).ToArray();
            var pixels = labels.SelectMany(label => Pixels(label, side, random)).ToArray();
            WriteIdx(Path.Combine(folder, $"{prefix}-images-idx3-ubyte" + (gzip ? ".gz" : "")), new[] { count, side, side }, pixels);
            WriteIdx(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte" + (gzip ? ".gz" : "")), new[] { count }, labels);
        }

        return folder;
    }

    public static void WriteIdx(string path, int[] sizes, byte[] data, byte type = 0x08)
    {
        using var file = File.Create(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        stream.Write(new byte[] { 0, 0, type, (byte)sizes.Length });
        foreach (var size in sizes)
        {
            stream.Write(new[] { (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size });
        }

        stream.Write(data);
    }

    /// <summary>An ImageFolder tree of PNGs (RGB, <paramref name="side"/> pixels), optionally under train/ and test/.</summary>
    public string Images(string name, string[] classes, int perClass, int side = 16, bool split = false)
    {
        var folder = PathOf(name);
        var random = new Random(2);
        foreach (var part in split ? new[] { "train", "test" } : new[] { "" })
        {
            for (var c = 0; c < classes.Length; c++)
            {
                var classFolder = Path.Combine(folder, part, classes[c]);
                Directory.CreateDirectory(classFolder);
                for (var i = 0; i < perClass; i++)
                {
                    WritePng(Path.Combine(classFolder, $"{i:D3}.png"), Pixels(c, side, random), side, tint: c);
                }
            }
        }

        return folder;
    }

    /// <summary>Writes gray pixels as an RGB PNG (red lifted by <paramref name="tint"/>, so channels differ).</summary>
    public static void WritePng(string path, byte[] gray, int side, int tint = 0)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var value = gray[y * side + x];
                bitmap.SetPixel(x, y, new SKColor((byte)Math.Min(255, value + 10 * tint), value, value));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>A CSV table of three well-separated blobs in four features, labelled by name.</summary>
    public string Blobs(string name, int rows, string labelColumn = "species")
    {
        var random = new Random(3);
        var names = new[] { "setosa", "versicolor", "virginica" };
        var text = new StringBuilder($"f1,f2,{labelColumn},f3,f4\n");
        for (var i = 0; i < rows; i++)
        {
            var c = i % 3;
            double Feature(int k) => (k == c ? 3.0 : 0.0) + random.NextDouble() - 0.5;
            // f4 is noise far from zero: it tells nothing, and only normalisation keeps it from swamping the others.
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{Feature(0):F3},{Feature(1):F3},{names[c]},{Feature(2):F3},{100 + 5 * random.NextDouble():F3}\n"));
        }

        return Text(name, text.ToString());
    }

    public string Text(string name, string content)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A safetensors file as <c>safetensors.torch.save_file</c> writes it.</summary>
    public string Safetensors(string name, Dictionary<string, Tensor> tensors)
    {
        var path = PathOf(name);
        TorchSharp.PyBridge.Safetensors.SaveStateDict(path, tensors);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
