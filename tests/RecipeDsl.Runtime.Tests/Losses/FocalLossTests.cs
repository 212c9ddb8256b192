using System;
using RecipeDsl.Losses;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Losses;

/// <summary>Focal loss against its closed form, −(1 − p_t)^γ log p_t, computed here in double precision.</summary>
public sealed class FocalLossTests
{
    private static readonly float[] Scores = { 2.0f, 0.5f, -1.0f, 0.3f, 1.7f, 0.2f, -0.4f, 0.1f, 3.0f };
    private static readonly long[] Labels = { 0, 2, 2 };

    private static Tensor Logits() => tensor(Scores, new long[] { 3, 3 });

    private static double[] Probabilities(int row)
    {
        var total = 0.0;
        for (var k = 0; k < 3; k++)
        {
            total += Math.Exp(Scores[row * 3 + k]);
        }

        var p = new double[3];
        for (var k = 0; k < 3; k++)
        {
            p[k] = Math.Exp(Scores[row * 3 + k]) / total;
        }

        return p;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void On_labels_it_is_the_closed_form(double gamma)
    {
        var expected = 0.0;
        for (var row = 0; row < 3; row++)
        {
            var pt = Probabilities(row)[Labels[row]];
            expected += -Math.Pow(1 - pt, gamma) * Math.Log(pt);
        }

        using var loss = FocalLoss.Compute(Logits(), tensor(Labels), gamma);

        Assert.Equal(expected / 3, loss.item<float>(), 5);
    }

    [Fact]
    public void With_gamma_zero_it_is_cross_entropy()
    {
        using var focal = FocalLoss.Compute(Logits(), tensor(Labels), 0);
        using var crossEntropy = nn.functional.cross_entropy(Logits(), tensor(Labels));

        Assert.Equal(crossEntropy.item<float>(), focal.item<float>(), 6);
    }

    [Fact]
    public void On_one_hot_targets_it_equals_the_loss_on_labels()
    {
        using var oneHot = nn.functional.one_hot(tensor(Labels), 3).to(float32);
        using var soft = FocalLoss.Soft(Logits(), oneHot, 2);
        using var hard = FocalLoss.Compute(Logits(), tensor(Labels), 2);

        Assert.Equal(hard.item<float>(), soft.item<float>(), 6);
    }

    [Fact]
    public void On_smoothed_targets_every_class_is_weighted_by_its_own_probability()
    {
        const double gamma = 2;
        const double epsilon = 0.1;
        var expected = 0.0;
        for (var row = 0; row < 3; row++)
        {
            var p = Probabilities(row);
            for (var k = 0; k < 3; k++)
            {
                var q = (k == Labels[row] ? 1 - epsilon : 0) + epsilon / 3;
                expected += -q * Math.Pow(1 - p[k], gamma) * Math.Log(p[k]);
            }
        }

        using var targets = SmoothedCrossEntropy.Targets(tensor(Labels), 3, epsilon, SmoothingConvention.Uniform);
        using var loss = FocalLoss.Soft(Logits(), targets, gamma);

        Assert.Equal(expected / 3, loss.item<float>(), 5);
    }

    [Fact]
    public void A_class_predicted_with_certainty_keeps_a_finite_gradient_below_gamma_one()
    {
        using var logits = tensor(new float[] { 200f, 0f, 0f }, new long[] { 1, 3 }).requires_grad_();
        using var loss = FocalLoss.Compute(logits, tensor(new long[] { 0 }), 0.5);
        loss.backward();

        Assert.True(logits.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void Targets_of_another_shape_are_refused()
    {
        using var targets = zeros(3, 4);

        Assert.Throws<ArgumentException>(() => FocalLoss.Soft(Logits(), targets, 2));
    }
}
