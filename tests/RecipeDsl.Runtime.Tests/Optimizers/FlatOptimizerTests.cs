using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Optimizers;

/// <summary>
/// The library's optimizers step a model's parameters as one flat buffer (issue 12): over 100 steps of a small
/// network with dropout they land where TorchSharp's per-parameter optimizers land, their state continues across a
/// save and load, and a parameter left out of the loss falls back to the per-parameter step TorchSharp takes.
/// </summary>
public sealed class FlatOptimizerTests
{
    public static TheoryData<string> Kinds() => new() { "sgd", "sgd-momentum", "sgd-nesterov-decay", "adam", "adam-decay-maximize", "adamw" };

    private static OptimizerHelper Ours(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "sgd" => new RecipeDsl.Optimizers.SGD(parameters, 0.05),
        "sgd-momentum" => new RecipeDsl.Optimizers.SGD(parameters, 0.05, momentum: 0.9, dampening: 0.1),
        "sgd-nesterov-decay" => new RecipeDsl.Optimizers.SGD(parameters, 0.01, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
        "adam" => new RecipeDsl.Optimizers.Adam(parameters, lr: 1e-2),
        "adam-decay-maximize" => new RecipeDsl.Optimizers.Adam(parameters, lr: 1e-2, weight_decay: 1e-2, maximize: true),
        _ => new RecipeDsl.Optimizers.AdamW(parameters, lr: 1e-2, weight_decay: 0.05),
    };

    private static OptimizerHelper TorchSharps(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "sgd" => optim.SGD(parameters, 0.05),
        "sgd-momentum" => optim.SGD(parameters, 0.05, momentum: 0.9, dampening: 0.1),
        "sgd-nesterov-decay" => optim.SGD(parameters, 0.01, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
        "adam" => optim.Adam(parameters, lr: 1e-2),
        "adam-decay-maximize" => optim.Adam(parameters, lr: 1e-2, weight_decay: 1e-2, maximize: true),
        _ => optim.AdamW(parameters, lr: 1e-2, weight_decay: 0.05),
    };

    private static bool StepsFlat(OptimizerHelper optimizer) => optimizer switch
    {
        RecipeDsl.Optimizers.SGD sgd => sgd.StepsFlat,
        RecipeDsl.Optimizers.Adam adam => adam.StepsFlat,
        RecipeDsl.Optimizers.AdamW adamW => adamW.StepsFlat,
        _ => false,
    };

    /// <summary>784 → 32 → 16 → 10 with dropout: six parameter tensors of four shapes.</summary>
    private static nn.Module<Tensor, Tensor> Network()
    {
        torch.random.manual_seed(7);
        return nn.Sequential(
            nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.1),
            nn.Linear(32, 16), nn.ReLU(), nn.Dropout(0.1),
            nn.Linear(16, 10));
    }

    /// <summary>
    /// <paramref name="steps"/> steps on fixed random batches with cross-entropy; returns the parameters, flattened.
    /// The network is seeded afresh and dropout draws from the same global seed, so two optimizers see the same masks.
    /// </summary>
    private static Tensor Train(Func<IEnumerable<Parameter>, OptimizerHelper> create, int steps, Action<nn.Module<Tensor, Tensor>, OptimizerHelper>? between = null, int betweenAt = -1, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        using var model = Network();
        model.to(dtype);
        using var optimizer = create(model.parameters());
        var data = new Generator(11);
        // Always 100 batches drawn, so a shorter run sees the first batches of a longer one.
        var inputs = randn(100, 20, 64, generator: data).to(dtype);
        var labels = randint(10, new long[] { 100, 20 }, generator: data);
        torch.random.manual_seed(3);
        for (var i = 0; i < steps; i++)
        {
            if (i == betweenAt)
            {
                between!(model, optimizer);
            }

            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(inputs[i]), labels[i]).backward();
            optimizer.step();
        }

        return cat(model.parameters().Select(p => p.detach().reshape(-1)).ToArray()).MoveToOuterDisposeScope();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_hundred_flat_steps_land_where_TorchSharps_per_parameter_steps_land(string kind)
    {
        using var scope = NewDisposeScope();
        var flatSteps = false;
        var ours = Train(p => { var o = Ours(kind, p); flatSteps = StepsFlat(o); return o; }, 100);
        var theirs = Train(p => TorchSharps(kind, p), 100);

        Assert.True(flatSteps, "the optimizer did not lay the parameters out flat");
        // To float tolerance: the fused CPU pass and libtorch's kernels round differently (libtorch may fuse
        // multiply-adds, and which it uses depends on the CPU).
        Assert.True(ours.allclose(theirs, rtol: 1e-4, atol: 1e-5), $"largest difference {(ours - theirs).abs().max().item<float>()} at values up to {theirs.abs().max().item<float>()}");
        Assert.False(ours.allclose(Train(p => TorchSharps(kind, p), 0)), "the parameters did not move");
    }

    /// <summary>In float64 the group steps through tensor operations (as on a GPU) rather than the fused CPU pass.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_hundred_flat_steps_in_tensor_operations_land_where_TorchSharps_land(string kind)
    {
        using var scope = NewDisposeScope();
        var flatSteps = false;
        var ours = Train(p => { var o = Ours(kind, p); flatSteps = StepsFlat(o); return o; }, 100, dtype: ScalarType.Float64);
        var theirs = Train(p => TorchSharps(kind, p), 100, dtype: ScalarType.Float64);

        Assert.True(flatSteps, "the optimizer did not lay the parameters out flat");
        Assert.True(ours.allclose(theirs, rtol: 1e-10, atol: 1e-12), $"largest difference {(ours - theirs).abs().max().item<double>()}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void State_saved_after_fifty_flat_steps_continues_exactly(string kind)
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        Train(p => Ours(kind, p), 50, (model, optimizer) =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            model.save(writer);
            optimizer.save_state_dict(writer);
        }, betweenAt: 49);

        // The same 100 steps, but at step 50 the weights and the optimizer state are overwritten by the saved ones:
        // they are the values this run has at that point anyway, so loading in place must change nothing.
        var straight = Train(p => Ours(kind, p), 100);
        var reloaded = Train(p => Ours(kind, p), 100, (model, optimizer) =>
        {
            stream.Position = 0;
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            model.load(reader);
            optimizer.load_state_dict(reader);
        }, betweenAt: 49);

        Assert.Equal(straight.data<float>().ToArray(), reloaded.data<float>().ToArray());
    }

    /// <summary>On a GPU, TorchSharp's <c>Module.load</c> moves the model through the CPU: fresh storage for every parameter.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Parameters_given_fresh_storage_by_a_load_are_taken_back_into_the_buffer(string kind)
    {
        using var scope = NewDisposeScope();
        var moved = Train(p => Ours(kind, p), 40, (model, _) =>
        {
            using var noGrad = no_grad();
            foreach (var parameter in model.parameters())
            {
                parameter.set_(parameter.detach().clone());
            }
        }, betweenAt: 20);

        TorchAssert.AllClose(Train(p => TorchSharps(kind, p), 40), moved, tolerance: 1e-4);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_parameter_outside_the_loss_is_skipped_as_TorchSharp_skips_it(string kind)
    {
        using var scope = NewDisposeScope();
        var Extra = () => new Parameter(ones(3, 3));
        Tensor Run(Func<IEnumerable<Parameter>, OptimizerHelper> create)
        {
            var unused = Extra();
            var trained = Train(p => create(p.Append(unused)), 30);
            return cat(new[] { trained, unused.detach().reshape(-1) });
        }

        TorchAssert.AllClose(Run(p => TorchSharps(kind, p)), Run(p => Ours(kind, p)), tolerance: 1e-4);
    }
}
