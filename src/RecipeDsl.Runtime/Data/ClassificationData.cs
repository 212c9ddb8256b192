using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Datasets;
using RecipeDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Data;

/// <summary>
/// A recipe's classification data, split into train, validation and test, as compact tensors: images stay bytes and
/// are scaled and normalised per batch on the training device; tables are float32. The data lives on the training
/// device when it fits there, and otherwise in pinned CPU memory from which each batch is copied. The training
/// images are also kept prepared (float32, normalised, where they are stored) when that copy fits
/// <see cref="PreparedBudgetBytes"/> on a GPU or <see cref="PreparedBudgetBytesCpu"/> on the CPU: preparing a batch
/// takes four operations, and a small model's step is bound by such overheads (benchmarks/README.md).
/// </summary>
public sealed class ClassificationData : SplitTensors
{
    /// <summary>Data up to this size lives on a CUDA device; larger data stays in pinned CPU memory.</summary>
    public const long DeviceBudgetBytes = 2L << 30;

    /// <summary>The largest prepared copy of the training images kept on a GPU (unaugmented batches are sliced from it).</summary>
    public const long PreparedBudgetBytes = 1L << 30;

    /// <summary>The same on the CPU, where memory is dearer: MNIST and Fashion-MNIST's 54,000 images (162 MiB) fit.</summary>
    public const long PreparedBudgetBytesCpu = 256L << 20;

    private readonly Tensor _mean;
    private readonly Tensor _std;
    private readonly bool _bytes;
    private readonly bool _keepsPrepared;
    private Tensor? _preparedTrain;

    private ClassificationData(Tensor[] tensors, DataDescription description, IReadOnlyList<string> classNames, IReadOnlyList<string> files, double[] mean, double[] std, Device device)
        : base(tensors)
    {
        Description = description;
        ClassNames = classNames;
        Files = files;
        MeanValues = mean;
        StdValues = std;
        Device = device;
        _bytes = TrainInputs.dtype == ScalarType.Byte;
        // Shaped (1, C, 1, 1) or (1, F) to broadcast over a batch; made in a scope so no CPU original outlives the copy.
        var statShape = new long[] { 1, mean.Length }.Concat(Enumerable.Repeat(1L, description.InputShape.Count - 1)).ToArray();
        using var scope = NewDisposeScope();
        _mean = tensor(mean.Select(value => (float)value).ToArray(), statShape).to(device).DetachFromDisposeScope();
        _std = tensor(std.Select(value => (float)value).ToArray(), statShape).to(device).DetachFromDisposeScope();
        var budget = StorageDevice.type == DeviceType.CPU ? PreparedBudgetBytesCpu : PreparedBudgetBytes;
        _keepsPrepared = _bytes && StorageDevice.type == device.type && TrainInputs.NumberOfElements * sizeof(float) <= budget;
    }

    /// <summary>Made at the first unaugmented batch: not for an augmenting recipe, nor for a look at the data.</summary>
    protected override Tensor? PreparedTrainInputs
    {
        get
        {
            if (_preparedTrain is null && _keepsPrepared)
            {
                using var scope = NewDisposeScope();
                _preparedTrain = Prepare(TrainInputs).DetachFromDisposeScope();
            }

            return _preparedTrain;
        }
    }

    public DataDescription Description { get; }

    /// <summary>The name of each class, by index: the recipe's, the dataset's, the folder names or the CSV labels, or the indices.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The files (or folders) the examples were read from; empty for embedded data.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The per-channel (or per-feature) mean subtracted from inputs scaled to [0, 1]; 0 when not normalised.</summary>
    public IReadOnlyList<double> MeanValues { get; }

    /// <summary>The per-channel (or per-feature) standard deviation inputs are divided by; 1 when not normalised.</summary>
    public IReadOnlyList<double> StdValues { get; }

    /// <summary>The device the model trains on; batches are prepared there.</summary>
    public Device Device { get; }

    public int Classes => Description.Classes;

    /// <summary>One line for the run's start: what was loaded and where it lives.</summary>
    public string Residence
    {
        get
        {
            var bytes = new[] { TrainInputs, ValidationInputs, TestInputs }.Sum(t => t.NumberOfElements * t.ElementSize);
            var where = StorageDevice.type == DeviceType.CPU && Device.type != DeviceType.CPU ? "pinned CPU memory, copied per batch" : $"{Device.type.ToString().ToLowerInvariant()}";
            var prepared = !_keepsPrepared ? ""
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; unaugmented batches come from a float32 copy made at the first one ({TrainInputs.NumberOfElements * sizeof(float) / 1048576.0:N1} MiB)");
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{TrainCount:N0} train / {ValidationInputs.shape[0]:N0} validation / {TestInputs.shape[0]:N0} test examples of [{string.Join(", ", Description.InputShape)}], "
                + $"{(_bytes ? "uint8" : "float32")} ({bytes / 1048576.0:N1} MiB) in {where}{prepared}");
        }
    }

    /// <summary>Loads, checks, splits and places the data a recipe describes.</summary>
    /// <param name="options">Its <see cref="TrainingOptions.DataPath"/> replaces the recipe's path, <see cref="TrainingOptions.MaxTrainSamples"/> keeps only the first training examples, and <see cref="TrainingOptions.Log"/> gets where the data lives.</param>
    /// <exception cref="UnusableFileException">The files are missing, corrupt or not what the recipe says.</exception>
    public static ClassificationData Load(DataDescription description, Device device, TrainingOptions? options = null)
    {
        if (options?.DataPath is { } other && description.Source == DataSource.Mnist)
        {
            throw new UnusableFileException(other, $"Recipe {description.Recipe} trains on the embedded MNIST digits, which read no files; a data path ({other}) applies to recipes with data.format or dataset fashion_mnist.");
        }

        var path = options?.DataPath ?? description.Path;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        LoadedDataset loaded;
        try
        {
            loaded = DataFiles.Read(description, path);
            DataFiles.Check(description, loaded);
        }
        catch (DataFileException error)
        {
            throw new UnusableFileException(error.Path, error.Message, error);
        }

        var (train, validation, test) = Split(description, loaded);
        var (mean, std) = Statistics(description, loaded.Train, train, loaded.Train.Bytes is not null);
        if (options?.MaxTrainSamples is { } limit)
        {
            train = train[..Math.Min(Math.Max(limit, 1), train.Length)];
        }

        var tensors = new Tensor[6];
        var storage = StorageFor(loaded, device);
        (tensors[0], tensors[1]) = ToTensors(loaded.Train, train, storage, device);
        if (description.LabelNoise > 0)
        {
            using var clean = tensors[1];
            tensors[1] = LabelNoise.Corrupt(clean, description.LabelNoise, description.Classes, description.NoiseSeed).DetachFromDisposeScope();
        }

        (tensors[2], tensors[3]) = ToTensors(loaded.Train, validation, storage, device);
        (tensors[4], tensors[5]) = ToTensors(loaded.Test ?? loaded.Train, test, storage, device);
        var classNames = description.ClassNames.Count > 0 ? description.ClassNames
            : loaded.ClassNames ?? Enumerable.Range(0, description.Classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var data = new ClassificationData(tensors, description, classNames, loaded.Files, mean, std, device);
        options?.Log?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{description.Recipe}: data: {data.Residence}; loaded in {clock.Elapsed.TotalSeconds:0.00} s"));
        return data;
    }

    /// <summary>Stored inputs as the model takes them: on the training device, float32, scaled and normalised.</summary>
    public override Tensor Prepare(Tensor stored)
    {
        using var scope = NewDisposeScope();
        // Always a new tensor: the in-place steps below must never write into the stored split.
        var inputs = stored.to(Device, non_blocking: true).to_type(float32, copy: true);
        if (_bytes)
        {
            inputs = inputs.div_(PixelScale);
        }

        return inputs.sub_(_mean).div_(_std).MoveToOuterDisposeScope();
    }

    /// <summary>Frees the statistics as well as the six split tensors.</summary>
    protected override void DisposeTensors()
    {
        base.DisposeTensors();
        _mean.Dispose();
        _std.Dispose();
        _preparedTrain?.Dispose();
    }

    /// <summary>Bytes to [0, 1]; held by this static property, so no finalizer frees it during a call.</summary>
    private static Scalar PixelScale { get; } = 255.0.ToScalar();

    /// <summary>
    /// Index arrays of the three parts. The split depends on a fixed seed and the fractions only, never on the recipe's
    /// seed, so that every recipe on the same data is trained and judged on the same examples.
    /// </summary>
    private static (int[] Train, int[] Validation, int[] Test) Split(DataDescription description, LoadedDataset loaded)
    {
        DatasetSplit split;
        if (loaded.Test is { } test)
        {
            var trainSplit = DatasetSplit.WithoutTest(loaded.Train.Count, description.ValidationSplit, MnistDigits.SplitSeed);
            split = trainSplit with { Test = Enumerable.Range(0, test.Count).ToArray() };
        }
        else
        {
            var testFraction = description.Source == DataSource.Mnist ? MnistDigits.TestFraction : description.TestSplit ?? DataDescription.DefaultTestSplit;
            split = DatasetSplit.Create(loaded.Train.Count, testFraction, description.ValidationSplit, MnistDigits.SplitSeed);
        }

        foreach (var (part, indices) in new[] { ("training", split.Train), ("validation", split.Validation), ("test", split.Test) })
        {
            if (indices.Length == 0)
            {
                throw new UnusableFileException(loaded.Train.Source,
                    $"{loaded.Train.Source} holds {loaded.Train.Count:N0} examples, and recipe {description.Recipe}'s data.validation_split and data.test_split leave its {part} part empty; use more examples or other fractions.");
            }
        }

        return (split.Train, split.Validation, split.Test);
    }

    /// <summary>The mean and standard deviation per channel (images) or feature (tables), of inputs scaled to [0, 1].</summary>
    private static (double[] Mean, double[] Std) Statistics(DataDescription description, ExampleSet examples, int[] train, bool bytes)
    {
        var channels = description.InputShape[0];
        var normalization = description.Normalization;
        if (!normalization.FromTrainingSplit)
        {
            return normalization.Mean.Count == 0
                ? (new double[channels], Enumerable.Repeat(1.0, channels).ToArray())
                : (Broadcast(normalization.Mean, channels), Broadcast(normalization.Std, channels));
        }

        // Over the whole training split (before any --max-train), in double: the same numbers every run.
        var size = examples.ExampleSize;
        var plane = size / channels;
        var sum = new double[channels];
        var squares = new double[channels];
        foreach (var example in train)
        {
            var offset = (long)example * size;
            for (var c = 0; c < channels; c++)
            {
                double s = 0, q = 0;
                for (var p = 0; p < plane; p++)
                {
                    var value = bytes ? examples.Bytes![offset + c * plane + p] / 255.0 : examples.Floats![offset + c * plane + p];
                    s += value;
                    q += value * value;
                }

                sum[c] += s;
                squares[c] += q;
            }
        }

        var count = (double)train.Length * plane;
        var mean = sum.Select(s => s / count).ToArray();
        // A constant channel or feature has no spread to divide by; it is centred only.
        var std = squares.Select((q, c) => Math.Sqrt(Math.Max(q / count - mean[c] * mean[c], 0))).Select(s => s > 1e-12 ? s : 1.0).ToArray();
        return (mean, std);
    }

    private static double[] Broadcast(IReadOnlyList<double> values, int channels) =>
        values.Count == channels ? values.ToArray() : Enumerable.Repeat(values[0], channels).ToArray();

    /// <summary>The training device when the data fits its budget (always on a CPU), otherwise the CPU.</summary>
    private static Device StorageFor(LoadedDataset loaded, Device device)
    {
        if (device.type == DeviceType.CPU)
        {
            return device;
        }

        var bytes = new[] { loaded.Train, loaded.Test }.Where(set => set is not null)
            .Sum(set => (long)set!.Count * set.ExampleSize * (set.Bytes is not null ? 1 : 4));
        return bytes <= DeviceBudgetBytes ? device : CPU;
    }

    /// <summary>The examples at <paramref name="indices"/>, one after another.</summary>
    private static T[] Gather<T>(T[] values, int[] indices, int size)
    {
        var gathered = new T[(long)indices.Length * size];
        for (var i = 0; i < indices.Length; i++)
        {
            Array.Copy(values, (long)indices[i] * size, gathered, (long)i * size, size);
        }

        return gathered;
    }

    private static (Tensor Inputs, Tensor Labels) ToTensors(ExampleSet examples, int[] indices, Device storage, Device device)
    {
        var size = examples.ExampleSize;
        var shape = new long[] { indices.Length }.Concat(examples.Shape.Select(d => (long)d)).ToArray();
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            labels[i] = examples.Labels[indices[i]];
        }

        using var scope = NewDisposeScope();
        var inputs = examples.Bytes is { } bytes ? tensor(Gather(bytes, indices, size), shape) : tensor(Gather(examples.Floats!, indices, size), shape);

        // Pinned host memory: evaluation copies its chunks to the GPU asynchronously from it (a training batch is
        // gathered by index first, into ordinary memory, and copied from there).
        inputs = storage.type == DeviceType.CPU && device.type == DeviceType.CUDA ? inputs.pin_memory() : inputs.to(storage);
        var targets = tensor(labels).to(device);
        return (inputs.DetachFromDisposeScope(), targets.DetachFromDisposeScope());
    }
}
