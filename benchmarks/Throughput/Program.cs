using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using RecipeDsl.Benchmarks.Throughput.HandWritten;
using RecipeDsl.Data;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

// Issue 12's CPU (and GPU) comparison: each shape trained by its generated trainer and by a hand-written TorchSharp
// loop, interleaved, two rounds; the median epoch over epochs 2..N (validation pass included) of each, and the speed
// ratio hand-written / generated (above 1: the generated trainer is faster).
//   -- N             N rounds of the three MNIST-sized shapes
//   -- N fashion     the same, then the two Fashion-MNIST shapes (needs /usr/share/datasets/fashion-mnist)
//   -- N ablate      the small MLP's hand-written loop with each step of the generated one added
//   -- N precision [fashion]  the generated MLP-2048 and CNN (and Fashion CNN) trainers at fp32, tf32 and bf16,
//                    interleaved: median epoch, test accuracy, and speed against fp32
//   -- N checkpoint  the generated MLP-256 and CNN with and without a checkpoint written after every epoch (the
//                    CLI always writes one), interleaved: what writing it costs per epoch
//   -- N memory [fashion]  N epochs of MLP-256, CNN and the bf16 MLP-256 (and the Fashion shapes), printing after
//                    every epoch the process's RSS, the managed heap after a full collection and the live tensors
// run-on-gpu.sh parses these lines: numbers the same way whatever the machine's locale.
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
var rounds = args.FirstOrDefault(arg => arg.All(char.IsDigit)) is { } count ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 2;
var ablate = args.Contains("ablate");
const int BatchSize = 128;
var device = Devices.Select(DevicePreference.Auto);
Console.WriteLine($"device: {device.Description}; {Environment.ProcessorCount} cores; batch {BatchSize}; {DateTime.Now:yyyy-MM-dd HH:mm}");

var shapes = new List<(string Name, IRecipeTrainer Generated, DataDescription Data, int Epochs, Func<nn.Module<Tensor, Tensor>> HandWritten)>
{
    ("MLP 784-256-256-10, dropout 0.1", new BenchMlp256Trainer(), BenchMlp256Recipe.Data, BenchMlp256Recipe.Epochs, () => new Mlp(256, 256, 0.1)),
    ("MLP 784-2048-2048-10, dropout 0.1", new BenchMlp2048Trainer(), BenchMlp2048Recipe.Data, BenchMlp2048Recipe.Epochs, () => new Mlp(2048, 2048, 0.1)),
    ("CNN conv32-conv64 (3×3, pool) + 128", new BenchCnnTrainer(), BenchCnnRecipe.Data, BenchCnnRecipe.Epochs, () => new Cnn()),
};
if (args.Contains("fashion"))
{
    shapes.Add(("Fashion MLP 784-512-256-10, dropout 0.2", new BenchFashionMlpTrainer(), BenchFashionMlpRecipe.Data, BenchFashionMlpRecipe.Epochs, () => new Mlp(512, 256, 0.2)));
    shapes.Add(("Fashion CNN 32-64 + 128, dropout 0.25", new BenchFashionCnnTrainer(), BenchFashionCnnRecipe.Data, BenchFashionCnnRecipe.Epochs, () => new Cnn(0.25)));
}

if (ablate)
{
    // The small MLP's hand-written loop with each step of the generated loop added alone, then all of them.
    var kinds = new[] { TrainingLoop.Additions.None, TrainingLoop.Additions.PreparePerBatch, TrainingLoop.Additions.EpochTotals, TrainingLoop.Additions.LibraryAdamW,
        TrainingLoop.Additions.LibraryValidation,
        TrainingLoop.Additions.PreparePerBatch | TrainingLoop.Additions.EpochTotals | TrainingLoop.Additions.LibraryAdamW | TrainingLoop.Additions.LibraryValidation };
    for (var round = 1; round <= rounds; round++)
    {
        var baseline = 0.0;
        foreach (var additions in kinds)
        {
            var median = Median(HandWritten(BenchMlp256Recipe.Data, BenchMlp256Recipe.Epochs, () => new Mlp(256, 256, 0.1), additions));
            baseline = additions == TrainingLoop.Additions.None ? median : baseline;
            Console.WriteLine($"round {round}  MLP-256 hand-written + {additions,-66} {median:F3} s  ({median / baseline:F2}× the plain loop's time)");
        }

        Console.WriteLine($"round {round}  MLP-256 generated {Median(Generated(new BenchMlp256Trainer())):F3} s");
    }

    return;
}

if (args.Contains("checkpoint"))
{
    var trainers = new (string Name, IRecipeTrainer Trainer)[] { ("MLP 784-256-256-10", new BenchMlp256Trainer()), ("CNN conv32-conv64", new BenchCnnTrainer()) };
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var (name, trainer) in trainers)
        {
            // Alternating which goes first, so that an order effect does not land on one side.
            var folder = System.IO.Directory.CreateTempSubdirectory("recipedsl-checkpoints-");
            double With() => Median(Generated(trainer, checkpointDirectory: folder.FullName));
            double Without() => Median(Generated(trainer));
            double without, with;
            if (round % 2 == 1)
            {
                without = Without();
                with = With();
            }
            else
            {
                with = With();
                without = Without();
            }

            folder.Delete(recursive: true);
            Console.WriteLine($"round {round}  {name,-20} without checkpoints {without:F3} s  with {with:F3} s  ({(with - without) * 1000:F1} ms per epoch, {with / without:F3}× the time)");
        }
    }

    return;
}

if (args.Contains("memory"))
{
    var trainers = new List<(string Name, IRecipeTrainer Trainer)>
    {
        ("MLP 784-256-256-10", new BenchMlp256Trainer()), ("CNN conv32-conv64", new BenchCnnTrainer()), ("MLP 784-256-256-10, bf16", new BenchMlp256Bf16Trainer()),
    };
    if (args.Contains("fashion"))
    {
        trainers.Add(("Fashion MLP 784-512-256-10", new BenchFashionMlpTrainer()));
        trainers.Add(("Fashion CNN 32-64 + 128", new BenchFashionCnnTrainer()));
    }

    foreach (var (name, trainer) in trainers)
    {
        var samples = new List<(double Rss, double Managed, long Tensors)>();
        trainer.Train(new TrainingOptions
        {
            Epochs = rounds,
            OnEpoch = epoch =>
            {
                // After a full collection: what the process keeps, not garbage that a later collection would free.
                var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
                using var process = Process.GetCurrentProcess();
                var sample = (process.WorkingSet64 / 1048576.0, managed, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                samples.Add(sample);
                Console.WriteLine($"{name,-28} epoch {epoch.Epoch,3}  RSS {sample.Item1,7:F1} MiB  managed {sample.managed,6:F1} MiB  live tensors {sample.Item3}");
            },
        });
        // From epoch 3 on: the first epochs grow the caching allocators, the prepared copy and the JIT'd code.
        var settled = samples.Count > 2 ? samples.Skip(2).ToList() : samples;
        Console.WriteLine($"{name,-28} epochs {samples.Count - settled.Count + 1}–{samples.Count}: RSS {settled.Min(s => s.Rss):F1}–{settled.Max(s => s.Rss):F1} MiB, "
            + $"managed {settled.Min(s => s.Managed):F1}–{settled.Max(s => s.Managed):F1} MiB, live tensors {settled.Min(s => s.Tensors)}–{settled.Max(s => s.Tensors)}");
    }

    return;
}

if (args.Contains("precision"))
{
    var precisions = new List<(string Name, (string Precision, IRecipeTrainer Trainer)[] Variants)>
    {
        ("MLP 784-2048-2048-10, dropout 0.1", [("fp32", new BenchMlp2048Trainer()), ("tf32", new BenchMlp2048Tf32Trainer()), ("bf16", new BenchMlp2048Bf16Trainer())]),
        ("CNN conv32-conv64 (3×3, pool) + 128", [("fp32", new BenchCnnTrainer()), ("tf32", new BenchCnnTf32Trainer()), ("bf16", new BenchCnnBf16Trainer())]),
    };
    if (args.Contains("fashion"))
    {
        precisions.Add(("Fashion CNN 32-64 + 128, dropout 0.25",
            [("fp32", new BenchFashionCnnTrainer()), ("tf32", new BenchFashionCnnTf32Trainer()), ("bf16", new BenchFashionCnnBf16Trainer())]));
    }

    var runs = new Dictionary<(string Shape, string Precision), List<(double Seconds, double Accuracy)>>();
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var (name, variants) in precisions)
        {
            foreach (var (precision, trainer) in variants)
            {
                double accuracy = 0;
                var median = Median(Generated(trainer, result => accuracy = result.Test.Accuracy));
                Console.WriteLine($"round {round}  {name,-40} precision {precision}  {median:F3} s  test accuracy {accuracy:P2}");
                runs.TryAdd((name, precision), []);
                runs[(name, precision)].Add((median, accuracy));
            }
        }
    }

    foreach (var ((name, precision), values) in runs)
    {
        var seconds = values.Select(v => v.Seconds).Order().ElementAt(values.Count / 2);
        var fp32 = runs[(name, "fp32")].Select(v => v.Seconds).Order().ElementAt(values.Count / 2);
        Console.WriteLine($"median of {values.Count} rounds  {name,-40} precision {precision}  {seconds:F3} s  speed vs fp32 {fp32 / seconds:F2}×  "
            + $"test accuracy {string.Join(" / ", values.Select(v => v.Accuracy.ToString("P2", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    return;
}

var ratios = shapes.ToDictionary(shape => shape.Name, _ => new List<double>());
for (var round = 1; round <= rounds; round++)
{
    foreach (var (name, generated, description, epochs, handWritten) in shapes)
    {
        var (generatedSeconds, examples) = (Generated(generated), TrainCount(description));
        var handWrittenSeconds = HandWritten(description, epochs, handWritten);
        var (g, h) = (Median(generatedSeconds), Median(handWrittenSeconds));
        Console.WriteLine($"round {round}  {name,-40} {examples:N0} examples × {epochs} epochs  generated {g:F3} s  hand-written {h:F3} s  speed ratio {h / g:F2}×  ({examples / g:N0} vs {examples / h:N0} examples/s)");
        ratios[name].Add(h / g);
    }
}

foreach (var (name, values) in ratios)
{
    Console.WriteLine($"median of {values.Count} rounds  {name,-40} speed ratio {values.Order().ElementAt(values.Count / 2):F2}×  (lowest {values.Min():F2}×, highest {values.Max():F2}×)");
}

// Epochs 2..N: the first pays for allocator warm-up and lazy initialisation in both.
static double Median(List<double> seconds) => seconds.Skip(1).Order().ElementAt((seconds.Count - 1) / 2);

// Wall clock between epoch ends, as a user experiences it (OnEpoch comes after the validation pass).
static List<double> Generated(IRecipeTrainer trainer, Action<TrainingResult>? finished = null, string? checkpointDirectory = null)
{
    var clock = Stopwatch.StartNew();
    var seconds = new List<double>();
    var last = 0.0;
    trainer.Train(new TrainingOptions
    {
        OnEpoch = _ =>
        {
            var now = clock.Elapsed.TotalSeconds;
            seconds.Add(now - last);
            last = now;
        },
        OnFinished = finished,
        CheckpointDirectory = checkpointDirectory,
    });
    // The first interval includes loading the data and building the model; it is dropped with epoch 1.
    return seconds;
}

long TrainCount(DataDescription description)
{
    using var data = ClassificationData.Load(description, device.Device);
    return data.TrainCount;
}

List<double> HandWritten(DataDescription description, int epochs, Func<nn.Module<Tensor, Tensor>> create, TrainingLoop.Additions additions = TrainingLoop.Additions.None)
{
    Seeding.SeedAll(42);
    using var data = ClassificationData.Load(description, device.Device);
    using var scope = NewDisposeScope();
    // Stored bytes when the loop prepares per batch, as the generated one does; floats prepared once otherwise.
    var trainInputs = additions.HasFlag(TrainingLoop.Additions.PreparePerBatch) ? data.TrainInputs : data.Prepare(data.TrainInputs);
    var validationInputs = data.Prepare(data.ValidationInputs);
    using var model = create();
    return TrainingLoop.Run(model, trainInputs, data.TrainLabels, validationInputs, data.ValidationLabels, epochs, BatchSize, additions, data.Prepare);
}
