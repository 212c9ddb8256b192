using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// One checkpoint file per recipe, rewritten after every epoch: the epoch, the CPU random state, the shuffling
/// generator, the state of each technique that has one (<see cref="ICheckpointPart"/>: Mixup's generators, the learning
/// rate schedule, early stopping's best weights), the metrics so far, the model and the optimizer state. Written to a temporary file and renamed
/// over the last one, so a crash leaves the previous checkpoint whole. Resuming on the CPU continues exactly where the
/// run stopped: its final metrics equal an uninterrupted run's.
/// </summary>
public sealed class Checkpoints
{
    private const string Magic = "RDCK";
    private const int FormatVersion = 2;

    private readonly string _recipe;

    public Checkpoints(string directory, string recipe)
    {
        _recipe = recipe;
        Path = System.IO.Path.Combine(directory, recipe + ".checkpoint");
    }

    public string Path { get; }

    /// <summary>
    /// How metrics are written as JSON, here and in reports: a model whose weights went NaN in the last step has NaN
    /// validation metrics, written as "NaN" rather than failing the run.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(int epoch, nn.Module model, OptimizerHelper optimizer, Generator shuffle, IReadOnlyList<EpochMetrics> history, params ICheckpointPart[] parts)
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
            writer.Write(parts.Length);
            foreach (var part in parts)
            {
                writer.Write(part.CheckpointName);
                part.Save(writer);
            }

            writer.Write(JsonSerializer.Serialize(history, Json));
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Restores everything <see cref="Save"/> wrote; returns the last completed epoch, or null without a checkpoint.</summary>
    /// <exception cref="UnusableFileException">The file is not a whole checkpoint of this recipe as it is now.</exception>
    public int? TryRestore(nn.Module model, OptimizerHelper optimizer, Generator shuffle, List<EpochMetrics> history, params ICheckpointPart[] parts)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return Restore(model, optimizer, shuffle, history, parts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A truncated or foreign file fails wherever reading first goes wrong; say so in one line, without libtorch's frames.
            throw new UnusableFileException(Path,
                $"'{Path}' is not a usable checkpoint of recipe {_recipe} ({UnusableFileException.Reason(e)}). Delete it to start over, or resume from another --out folder.", e);
        }
    }

    /// <summary>
    /// TorchSharp's <c>Module.load</c> (the format <c>Module.save</c> wrote), reading every tensor into the model's own.
    /// <c>Module.load</c> moves a model on a GPU to the CPU and back, and moving replaces every Parameter object, so the
    /// optimizer, built before the restore, would step parameters the model no longer has (and a flat buffer they
    /// no longer live in). <c>Tensor.Load</c> copies through the CPU where it must.
    /// </summary>
    private static void LoadInPlace(nn.Module model, BinaryReader reader)
    {
        var state = model.state_dict();
        var count = ReadCount(reader);
        if (count != state.Count)
        {
            throw new InvalidDataException($"it holds {count} model tensors where the model has {state.Count}");
        }

        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (!state.TryGetValue(name, out var tensor))
            {
                throw new InvalidDataException($"it holds a model tensor '{name}' that the model does not have");
            }

            TorchSharp.TensorExtensionMethods.Load(tensor, reader);
        }
    }

    /// <summary>
    /// The entry count <c>Module.save</c> writes: unsigned LEB128, 7 bits a byte (TorchSharp's own codec is internal).
    /// </summary>
    private static long ReadCount(BinaryReader reader)
    {
        long count = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var part = reader.ReadByte();
            count |= (long)(part & 0x7f) << shift;
            if ((part & 0x80) == 0)
            {
                return count;
            }
        }

        throw new InvalidDataException("its model tensor count is malformed");
    }

    private int Restore(nn.Module model, OptimizerHelper optimizer, Generator shuffle, List<EpochMetrics> history, ICheckpointPart[] parts)
    {
        using var reader = new BinaryReader(File.OpenRead(Path));
        if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"it is not a RecipeDsl checkpoint of format {FormatVersion}");
        }

        var recipe = reader.ReadString();
        if (recipe != _recipe)
        {
            throw new InvalidDataException($"it belongs to recipe '{recipe}'");
        }

        var epoch = reader.ReadInt32();
        using var cpuState = ReadState(reader);
        using var shuffleState = ReadState(reader);
        var written = new List<string>();
        for (var count = reader.ReadInt32(); written.Count < count; )
        {
            var name = reader.ReadString();
            written.Add(name);
            if (written.Count > parts.Length || parts[written.Count - 1].CheckpointName != name)
            {
                break;
            }

            parts[written.Count - 1].Restore(reader);
        }

        if (!written.SequenceEqual(parts.Select(part => part.CheckpointName)))
        {
            static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "no technique state";
            throw new InvalidDataException(
                $"it holds {Names(written)} where the recipe now needs {Names(parts.Select(part => part.CheckpointName))}; the recipe has changed since");
        }

        var restoredHistory = JsonSerializer.Deserialize<List<EpochMetrics>>(reader.ReadString(), Json) ?? throw new InvalidDataException("its metrics are empty");
        LoadInPlace(model, reader);
        optimizer.load_state_dict(reader);
        // Generators last: a checkpoint that fails above leaves the run's random state as it was. (A technique's part
        // restored above before a later failure is replaced when the run starts over: the error ends the run.)
        set_rng_state(cpuState);
        shuffle.set_state(shuffleState);
        history.Clear();
        history.AddRange(restoredHistory);
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

    internal static Tensor ReadState(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("it is truncated or corrupt");
        }

        return tensor(reader.ReadBytes(length));
    }
}
