using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Datasets;
using RecipeDsl.Datasets.Idx;
using RecipeDsl.Datasets.Images;
using RecipeDsl.Datasets.Tables;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>Reads a recipe's data source into examples, and checks them against what the recipe declares.</summary>
public static class DataFiles
{
    /// <summary>What to do when Debian's Fashion-MNIST files are not where the recipe looks.</summary>
    public const string FashionMnistHint =
        "Install them with 'apt-get install dataset-fashion-mnist' (Debian, Ubuntu), or set data.path to a folder holding the four Fashion-MNIST IDX files.";

    /// <exception cref="DataFileException">A file is missing or cannot be read as the format says.</exception>
    public static LoadedDataset Read(DataDescription description, string? path)
    {
        var shape = description.InputShape.ToArray();
        var names = description.ClassNames.Count > 0 ? description.ClassNames : null;
        return description.Source switch
        {
            DataSource.Mnist => Embedded(),
            DataSource.FashionMnist => IdxFolder.Read(Required(path, description), FashionMnistHint),
            DataSource.Idx => IdxFolder.Read(Required(path, description)),
            DataSource.ImageFolder => ImageFolder.Read(Required(path, description), shape, names),
            DataSource.Csv => CsvTable.Read(Required(path, description), description.LabelColumn, names, description.Classes),
            DataSource.Safetensors => ReadSafetensors(Required(path, description)),
            _ => throw new ArgumentOutOfRangeException(nameof(description), description.Source, "Not a classification data source."),
        };
    }

    /// <summary>Shapes, class counts and labels as the recipe declares them; every mismatch shows both sides.</summary>
    /// <exception cref="DataFileException">The data is not what the recipe says.</exception>
    public static void Check(DataDescription description, LoadedDataset loaded)
    {
        var declared = description.InputShape.ToArray();
        foreach (var set in new[] { loaded.Train, loaded.Test })
        {
            if (set is null)
            {
                continue;
            }

            if (!set.Shape.SequenceEqual(declared))
            {
                throw new DataFileException(set.Source,
                    $"{set.Source} holds examples of shape [{string.Join(", ", set.Shape)}], and recipe {description.Recipe} declares data.input_shape [{string.Join(", ", declared)}]; change data.input_shape (the model is built for it) or the data.");
            }

            if (set.Count == 0)
            {
                throw new DataFileException(set.Source, $"{set.Source} holds no examples.");
            }

            for (var i = 0; i < set.Count; i++)
            {
                if (set.Labels[i] < 0 || set.Labels[i] >= description.Classes)
                {
                    throw new DataFileException(set.Source,
                        $"{set.Source}: example {i + 1:N0} has label {set.Labels[i]}, outside the {description.Classes} classes recipe {description.Recipe} declares (data.classes: labels 0 to {description.Classes - 1}).");
                }
            }
        }

        if (loaded.ClassNames is { } found && found.Count != description.Classes)
        {
            throw new DataFileException(loaded.Train.Source,
                $"{loaded.Train.Source} has {found.Count} classes ({string.Join(", ", found.Take(20))}{(found.Count > 20 ? ", …" : "")}), and recipe {description.Recipe} declares data.classes {description.Classes}.");
        }

        if (description.TestSplit is not null && loaded.Test is not null)
        {
            throw new DataFileException(loaded.Test.Source,
                $"{loaded.Test.Source} is a test split of its own, so data.test_split ({description.TestSplit}) would be ignored; remove data.test_split from recipe {description.Recipe}.");
        }

        if (loaded.Train.Count < 3)
        {
            throw new DataFileException(loaded.Train.Source, $"{loaded.Train.Source} holds {loaded.Train.Count} example(s); training, validation and test need at least one each.");
        }
    }

    private static string Required(string? path, DataDescription description) =>
        path ?? throw new DataFileException("", $"Recipe {description.Recipe} names no data.path.");

    private static LoadedDataset Embedded()
    {
        var digits = MnistDigits.Load();
        var labels = Array.ConvertAll(digits.Labels, label => (int)label);
        var examples = ExampleSet.OfBytes(new[] { 1, digits.Rows, digits.Cols }, digits.Pixels, labels, "the embedded MNIST digits");
        return new LoadedDataset(examples, null, null, Array.Empty<string>());
    }

    /// <summary>
    /// <c>train_inputs</c>, <c>train_labels</c> and optionally <c>test_inputs</c>, <c>test_labels</c>, as
    /// <c>safetensors.torch.save_file</c> writes them (TorchSharp.PyBridge reads the file). uint8 inputs stay bytes
    /// (images, scaled to [0, 1] like the other formats); any other dtype becomes float32 as is.
    /// </summary>
    private static LoadedDataset ReadSafetensors(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, Directory.Exists(path)
                ? $"{path} is a folder; format 'safetensors' reads one file: point data.path at it."
                : $"The safetensors file {path} does not exist.");
        }

        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = TorchSharp.PyBridge.Safetensors.LoadStateDict(path);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new DataFileException(path, $"{path} cannot be read as safetensors: {Training.UnusableFileException.Reason(error)}.", error);
        }

        try
        {
            var train = Examples(path, tensors, "train");
            var test = tensors.ContainsKey("test_inputs") || tensors.ContainsKey("test_labels") ? Examples(path, tensors, "test") : null;
            return new LoadedDataset(train, test, null, new[] { path });
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static ExampleSet Examples(string path, Dictionary<string, Tensor> tensors, string part)
    {
        var inputs = Tensor(path, tensors, part + "_inputs");
        var labels = Tensor(path, tensors, part + "_labels");
        if (labels.dim() != 1 || inputs.dim() < 2 || inputs.shape[0] != labels.shape[0])
        {
            throw new DataFileException(path,
                $"{path}: {part}_inputs [{string.Join(", ", inputs.shape)}] and {part}_labels [{string.Join(", ", labels.shape)}] must be (N, …) and (N) with the same N.");
        }

        if (labels.is_floating_point() || labels.dtype == ScalarType.Bool || labels.is_complex())
        {
            throw new DataFileException(path, $"{path}: {part}_labels are {labels.dtype}; labels are class indices (an integer dtype such as int64).");
        }

        using var scope = NewDisposeScope();
        var shape = inputs.shape.Skip(1).Select(size => (int)size).ToArray();
        var classIndices = labels.to(int64).data<long>().Select(label => label is < int.MinValue or > int.MaxValue ? -1 : (int)label).ToArray();
        if (inputs.dtype == ScalarType.Byte)
        {
            return ExampleSet.OfBytes(shape, inputs.contiguous().data<byte>().ToArray(), classIndices, path);
        }

        var floats = inputs.to(float32).contiguous();
        if (!floats.isfinite().all().item<bool>())
        {
            throw new DataFileException(path, $"{path}: {part}_inputs hold NaN or infinite values.");
        }

        return ExampleSet.OfFloats(shape, floats.data<float>().ToArray(), classIndices, path);
    }

    private static Tensor Tensor(string path, Dictionary<string, Tensor> tensors, string name) =>
        tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new DataFileException(path, $"{path} has no tensor '{name}' (it has: {string.Join(", ", tensors.Keys.OrderBy(key => key, StringComparer.Ordinal))}); a data file holds train_inputs, train_labels and optionally test_inputs, test_labels.");
}
