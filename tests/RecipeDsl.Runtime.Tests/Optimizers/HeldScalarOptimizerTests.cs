using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Optimizers;

/// <summary>
/// The library's optimizers against TorchSharp's: the same numbers, the same state_dict, and state_dict
/// that either continues from. Why they exist: <c>RunIsolationTests</c>.
/// </summary>
public sealed class HeldScalarOptimizerTests
{
    public static TheoryData<string> Kinds() => new() { "sgd", "sgd-nesterov-decay", "sgd-dampening-maximize", "adam", "adam-amsgrad-decay", "adam-maximize", "adamw", "adamw-amsgrad-maximize" };

    private static OptimizerHelper Ours(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "sgd" => new RecipeDsl.Optimizers.SGD(parameters, 0.05, momentum: 0.9),
        "sgd-nesterov-decay" => new RecipeDsl.Optimizers.SGD(parameters, 0.05, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
        "sgd-dampening-maximize" => new RecipeDsl.Optimizers.SGD(parameters, 0.01, momentum: 0.5, dampening: 0.3, maximize: true),
        "adam" => new RecipeDsl.Optimizers.Adam(parameters, lr: 1e-2),
        "adam-amsgrad-decay" => new RecipeDsl.Optimizers.Adam(parameters, lr: 1e-2, weight_decay: 1e-2, amsgrad: true),
        "adam-maximize" => new RecipeDsl.Optimizers.Adam(parameters, lr: 1e-2, maximize: true),
        "adamw" => new RecipeDsl.Optimizers.AdamW(parameters, lr: 1e-2, weight_decay: 0.05),
        _ => new RecipeDsl.Optimizers.AdamW(parameters, lr: 1e-2, weight_decay: 0.05, amsgrad: true, maximize: true),
    };

    private static OptimizerHelper TorchSharps(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "sgd" => optim.SGD(parameters, 0.05, momentum: 0.9),
        "sgd-nesterov-decay" => optim.SGD(parameters, 0.05, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
        "sgd-dampening-maximize" => optim.SGD(parameters, 0.01, momentum: 0.5, dampening: 0.3, maximize: true),
        "adam" => optim.Adam(parameters, lr: 1e-2),
        "adam-amsgrad-decay" => optim.Adam(parameters, lr: 1e-2, weight_decay: 1e-2, amsgrad: true),
        "adam-maximize" => optim.Adam(parameters, lr: 1e-2, maximize: true),
        "adamw" => optim.AdamW(parameters, lr: 1e-2, weight_decay: 0.05),
        _ => optim.AdamW(parameters, lr: 1e-2, weight_decay: 0.05, amsgrad: true, maximize: true),
    };

    /// <summary>Two weight tensors with a quadratic loss, stepped <paramref name="steps"/> times; returns their values.</summary>
    private static float[] Train(Func<IEnumerable<Parameter>, OptimizerHelper> create, int steps, OptimizerHelper? stateFrom = null)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(17);
        var parameters = new[] { new Parameter(randn(8, 5, generator: generator)), new Parameter(randn(5, generator: generator)) };
        var target = randn(8, 5, generator: generator);
        using var optimizer = create(parameters);
        for (var i = 0; i < steps; i++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (parameters[0] - target).square().sum().add(parameters[1].square().sum(), alpha: RecipeDsl.Torch.HeldScalars.One);
            loss.backward();
            optimizer.step();
        }

        return parameters.SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    /// <summary>
    /// Bit for bit where our step is TorchSharp's tensor operations; to float tolerance where Adam and AdamW step a
    /// flat float32 group on the CPU in one fused pass (<c>CpuAdamKernel</c>), which rounds the last bit differently.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Steps_equal_TorchSharps(string kind)
    {
        var (theirs, ours) = (Train(p => TorchSharps(kind, p), 25), Train(p => Ours(kind, p), 25));
        if (kind is "adam" or "adam-maximize" or "adamw")
        {
            Assert.All(theirs.Zip(ours), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-5 * (1 + Math.Abs(pair.First)), $"{pair.First} vs {pair.Second}"));
            return;
        }

        Assert.Equal(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void State_saved_by_ours_continues_in_TorchSharps(string kind)
    {
        using var scope = NewDisposeScope();
        var ourWeights = new Parameter(arange(6, dtype: float32).reshape(3, 2));
        using var ours = Ours(kind, new[] { ourWeights });
        Step(ours, ourWeights, 3);
        using var stream = new MemoryStream();
        ours.save_state_dict(new BinaryWriter(stream));
        stream.Position = 0;
        var theirWeights = new Parameter(ourWeights.detach().clone());
        using var theirs = TorchSharps(kind, new[] { theirWeights });
        theirs.load_state_dict(new BinaryReader(stream));

        Step(ours, ourWeights, 2);
        Step(theirs, theirWeights, 2);

        Assert.Equal(ourWeights.detach().data<float>().ToArray(), theirWeights.detach().data<float>().ToArray());
    }

    private static void Step(OptimizerHelper optimizer, Parameter weights, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            weights.square().sum().backward();
            optimizer.step();
        }
    }
}
