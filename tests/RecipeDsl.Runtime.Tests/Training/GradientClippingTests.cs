using System;
using System.Linq;
using RecipeDsl.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class GradientClippingTests
{
    /// <summary>A model whose gradients are set by hand: 3-4-0 and 12, a total norm of 13.</summary>
    private static nn.Module<Tensor, Tensor> ModelWithGradients()
    {
        var model = nn.Linear(3, 1);
        var parameters = model.parameters().ToList();
        parameters[0].grad = tensor(new float[] { 3, 4, 0 }, new long[] { 1, 3 });
        parameters[1].grad = tensor(new float[] { 12 });
        return model;
    }

    [Fact]
    public void Gradients_above_the_limit_are_scaled_to_it_together()
    {
        using var model = ModelWithGradients();
        using var clipping = new GradientClipping(6.5, CPU);

        clipping.Clip(model.parameters());

        var gradients = model.parameters().Select(p => p.grad!).ToList();
        var factor = 6.5 / (13 + 1e-6);
        Assert.Equal(new[] { 3 * factor, 4 * factor, 0 }, gradients[0].data<float>().ToArray().Select(g => (double)g), new ToleranceComparer(1e-6));
        Assert.Equal(12 * factor, gradients[1].item<float>(), 5);
        Assert.Equal(13, clipping.TakeMeanNorm(), 4);
    }

    [Fact]
    public void Gradients_below_the_limit_are_left_alone_and_the_mean_norm_covers_every_step()
    {
        using var model = ModelWithGradients();
        using var clipping = new GradientClipping(100, CPU);

        clipping.Clip(model.parameters());
        model.parameters().First().grad!.zero_();
        clipping.Clip(model.parameters());

        Assert.Equal(12, model.parameters().Last().grad!.item<float>());
        Assert.Equal((13 + 12) / 2.0, clipping.TakeMeanNorm(), 4);
        Assert.True(double.IsNaN(clipping.TakeMeanNorm()));
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
