using System;
using System.Linq;
using System.Diagnostics;
using RecipeDsl.Networks;
using TorchSharp;
using static TorchSharp.torch;

// Forward + backward time of two decoder blocks at the sample transformer's shape (fortunes-transformer: batch 32,
// 129 positions, d_model 128, 4 heads, MLP 512, dropout 0.1, training mode), RecipeDsl's written-out pre-norm block
// against TorchSharp's TransformerEncoderLayer (post-norm, sequence-first, GELU) with a causal float mask.
// Interleaved rounds; the median step of each round.
const int Batch = 32, Time = 129, Width = 128, Heads = 4, Layers = 2, Warmup = 5, Steps = 30, Rounds = 3;
torch.set_num_threads(Environment.ProcessorCount);
manual_seed(1);
var ours = new[] { new TransformerBlock(Width, Heads, 0.1, Layers), new TransformerBlock(Width, Heads, 0.1, Layers) };
var theirs = Enumerable.Range(0, Layers)
    .Select(_ => nn.TransformerEncoderLayer(Width, Heads, 4 * Width, 0.1, nn.Activations.GELU))
    .ToArray();
foreach (var module in ours.Cast<nn.Module>().Concat(theirs))
{
    module.train();
}

using var input = randn(Batch, Time, Width);
using var sequenceFirst = input.transpose(0, 1).contiguous();
using var negativeInfinity = double.NegativeInfinity.ToScalar();
using var mask = full(Time, Time, negativeInfinity).triu(1);

double Step(Func<Tensor> forward)
{
    using var scope = NewDisposeScope();
    var clock = Stopwatch.StartNew();
    forward().mean().backward();
    return clock.Elapsed.TotalMilliseconds;
}

Tensor Ours()
{
    var x = input;
    foreach (var block in ours)
    {
        x = block.call(x);
    }

    return x;
}

Tensor Theirs()
{
    var x = sequenceFirst;
    foreach (var layer in theirs)
    {
        x = layer.call(x, mask);
    }

    return x;
}

Console.WriteLine($"{Environment.ProcessorCount} threads, batch {Batch} × {Time} positions × d_model {Width}, {Heads} heads, {Layers} blocks, forward + backward");
for (var round = 1; round <= Rounds; round++)
{
    foreach (var (name, forward) in new (string, Func<Tensor>)[] { ("RecipeDsl TransformerBlock (pre-norm, SDPA causal)", Ours), ("TorchSharp TransformerEncoderLayer (post-norm, mask)", Theirs) })
    {
        for (var i = 0; i < Warmup; i++)
        {
            Step(forward);
        }

        var times = Enumerable.Range(0, Steps).Select(_ => Step(forward)).Order().ToArray();
        var median = times[Steps / 2];
        Console.WriteLine($"round {round}  {name,-52} median {median,7:F2} ms  ({Batch * (Time - 1) / (median / 1000):N0} tokens/s)");
    }
}
