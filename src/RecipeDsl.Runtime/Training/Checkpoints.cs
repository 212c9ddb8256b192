using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// One checkpoint file per recipe, rewritten after every epoch: the epoch, the CPU random state, the shuffling and
/// Mixup generators, the metrics so far, the model and the optimizer state. Written to a temporary file and renamed
/// over the last one, so a crash leaves the previous checkpoint whole. Resuming on the CPU continues exactly where the
/// run stopped: its final metrics equal an uninterrupted run's.
/// </summary>
public sealed class Checkpoints
{
    private const string Magic = "RDCK";
    private const int FormatVersion = 1;

    private readonly string _recipe;

    public Checkpoints(string directory, string recipe)
    {
        _recipe = recipe;
        Path = System.IO.Path.Combine(directory, recipe + ".checkpoint");
    }

    public string Path { get; }

    public void Save(int epoch, nn.Module model, OptimizerHelper optimizer, Generator shuffle, Mixup? mixup, IReadOnlyList<EpochMetrics> history)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(_recipe);
            writer.Write(epoch);
            WriteState(writer, get_rng_state());
            WriteState(writer, shuffle.get_state());
            writer.Write(mixup is not null);
            mixup?.Save(writer);
            writer.Write(JsonSerializer.Serialize(history));
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Restores everything <see cref="Save"/> wrote; returns the last completed epoch, or null without a checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this recipe.</exception>
    public int? TryRestore(nn.Module model, OptimizerHelper optimizer, Generator shuffle, Mixup? mixup, List<EpochMetrics> history)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(Path));
        if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{Path} is not a RecipeDsl checkpoint of format {FormatVersion}.");
        }

        var recipe = reader.ReadString();
        if (recipe != _recipe)
        {
            throw new InvalidDataException($"{Path} belongs to recipe '{recipe}', not '{_recipe}'.");
        }

        var epoch = reader.ReadInt32();
        set_rng_state(ReadState(reader));
        shuffle.set_state(ReadState(reader));
        if (reader.ReadBoolean() != (mixup is not null))
        {
            throw new InvalidDataException($"{Path} was written with{(mixup is null ? "" : "out")} Mixup; the recipe has changed since.");
        }

        mixup?.Restore(reader);
        history.Clear();
        history.AddRange(JsonSerializer.Deserialize<List<EpochMetrics>>(reader.ReadString())!);
        model.load(reader);
        optimizer.load_state_dict(reader);
        return epoch;
    }

    internal static void WriteState(BinaryWriter writer, Tensor state)
    {
        using (state)
        {
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    internal static Tensor ReadState(BinaryReader reader) => tensor(reader.ReadBytes(reader.ReadInt32()));
}
