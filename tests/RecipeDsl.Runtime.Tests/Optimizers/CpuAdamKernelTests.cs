using System.Linq;
using RecipeDsl.Optimizers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Optimizers;

/// <summary>
/// The fused CPU Adam pass against the same update in tensor operations, on groups split into many work items with
/// scalar tails: three parameters of 70,001, 33 and 40,000 elements (one thread), and 1,100,003 and 7 (in parallel).
/// </summary>
public sealed class CpuAdamKernelTests
{
    private static (Tensor Values, Tensor ExpAvg, Tensor ExpAvgSq) Run(bool fused, AdamSettings settings, int steps, long[] sizes)
    {
        var generator = new Generator(5);
        var values = randn(sizes.Sum(), generator: generator);
        var (expAvg, expAvgSq) = (zeros_like(values), zeros_like(values));
        var offsets = sizes.Select((_, i) => sizes.Take(i).Sum()).ToArray();
        for (var step = 1; step <= steps; step++)
        {
            var gradients = sizes.Select(size => randn(size, generator: generator)).ToArray();
            if (fused)
            {
                Assert.True(CpuAdamKernel.Applies(values, gradients));
                CpuAdamKernel.Step(values, expAvg, expAvgSq, gradients, offsets, settings.Kernel(step));
                continue;
            }

            using var update = new AdamUpdate(settings.Beta1, settings.Beta2, settings.Eps, settings.LearningRate, amsgrad: false);
            var gradient = cat(gradients);
            gradient = settings.Maximize ? gradient.neg() : gradient;
            using var decay = (settings.Decoupled ? 1 - settings.LearningRate * settings.WeightDecay : settings.WeightDecay).ToScalar();
            gradient = settings.Decoupled ? gradient : gradient.add(values, alpha: decay);
            values = settings.Decoupled ? values.mul(decay) : values;
            Tensor? noMaximum = null;
            update.Apply(values, gradient, step, expAvg, expAvgSq, ref noMaximum);
        }

        return (values, expAvg, expAvgSq);
    }

    public static TheoryData<bool, bool, bool> Cases() => new() { { true, false, false }, { false, false, false }, { false, true, false }, { true, false, true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_pass_equals_the_tensor_operations_and_repeats_exactly(bool decoupled, bool maximize, bool parallel)
    {
        using var scope = NewDisposeScope();
        var sizes = parallel ? new long[] { 1_100_003, 7 } : new long[] { 70_001, 33, 40_000 };
        var settings = new AdamSettings(1e-2, 0.9, 0.999, 1e-8, 0.05, decoupled, maximize);
        var fused = Run(fused: true, settings, steps: 5, sizes);
        var tensors = Run(fused: false, settings, steps: 5, sizes);

        foreach (var (a, b) in new[] { (fused.Values, tensors.Values), (fused.ExpAvg, tensors.ExpAvg), (fused.ExpAvgSq, tensors.ExpAvgSq) })
        {
            Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-7), $"largest difference {(a - b).abs().max().item<float>()}");
        }

        Assert.False(fused.Values.allclose(Run(fused: true, settings, steps: 0, sizes).Values), "the values did not move");
        Assert.True(fused.Values.allclose(Run(fused: true, settings, steps: 5, sizes).Values, rtol: 0, atol: 0), "two fused runs differ");
    }
}
