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
static List<double> Generated(IRecipeTrainer trainer)
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
