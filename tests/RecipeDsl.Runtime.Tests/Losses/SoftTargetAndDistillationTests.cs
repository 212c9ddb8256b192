using System;
using RecipeDsl.Losses;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Losses;

public sealed class SoftTargetAndDistillationTests
{
    private static Tensor Student() => tensor(new float[] { 1.0f, 0.2f, -0.5f, -0.3f, 0.8f, 0.4f }, new long[] { 2, 3 });

    private static Tensor Teacher() => tensor(new float[] { 3.0f, 0.5f, -1.0f, 0.1f, 2.5f, 1.0f }, new long[] { 2, 3 });

    private static double[,] Softmax(Tensor logits, double temperature)
    {
        var rows = (int)logits.shape[0];
        var cols = (int)logits.shape[1];
        var result = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            double total = 0;
            for (var k = 0; k < cols; k++)
            {
                total += Math.Exp(logits[i, k].item<float>() / temperature);
            }

            for (var k = 0; k < cols; k++)
            {
                result[i, k] = Math.Exp(logits[i, k].item<float>() / temperature) / total;
            }
        }

        return result;
    }

    [Fact]
    public void Soft_target_cross_entropy_with_one_hot_targets_is_plain_cross_entropy()
    {
        var labels = tensor(new long[] { 0, 2 });
        using var oneHot = nn.functional.one_hot(labels, 3).to(float32);

        TorchAssert.Close(nn.functional.cross_entropy(Student(), labels).item<float>(), SoftTargetCrossEntropy.Compute(Student(), oneHot));
    }

    [Fact]
    public void Soft_target_cross_entropy_with_smoothed_targets_equals_the_smoothed_loss_so_nothing_is_smoothed_twice()
    {
        var labels = tensor(new long[] { 0, 2 });
        using var targets = SmoothedCrossEntropy.Targets(labels, 3, 0.1, SmoothingConvention.Uniform);

        TorchAssert.Close(
            SmoothedCrossEntropy.Compute(Student(), labels, 0.1, SmoothingConvention.Uniform).item<float>(),
            SoftTargetCrossEntropy.Compute(Student(), targets));
    }

    [Fact]
    public void The_soft_term_is_the_batch_mean_KL_of_the_seed_article()
    {
        // KL(p_t ‖ p_s) = Σ p_t (log p_t − log p_s), summed over classes, divided by the batch size (batchmean).
        const double temperature = 4.0;
        var pt = Softmax(Teacher(), temperature);
        var ps = Softmax(Student(), temperature);
        double expected = 0;
        for (var i = 0; i < 2; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                expected += pt[i, k] * (Math.Log(pt[i, k]) - Math.Log(ps[i, k]));
            }
        }

        expected /= 2;

        TorchAssert.Close(expected, DistillationLoss.SoftTerm(Student(), Teacher(), temperature), 1e-6);
    }

    [Fact]
    public void The_soft_term_equals_kl_div_only_with_PyTorchs_settings_spelled_out()
    {
        // The seed: kl_div(log_softmax(s/T), softmax(t/T), reduction='batchmean'). TorchSharp's kl_div defaults to
        // log_target: true and has no batchmean, so the same call with defaults computes something else.
        var logStudent = nn.functional.log_softmax(Student() / 4.0, 1);
        var teacher = nn.functional.softmax(Teacher() / 4.0, 1);
        var pytorchBatchmean = nn.functional.kl_div(logStudent, teacher, reduction: nn.Reduction.Sum, log_target: false) / 2;
        var torchSharpDefaults = nn.functional.kl_div(logStudent, teacher);

        TorchAssert.Close(pytorchBatchmean.item<float>(), DistillationLoss.SoftTerm(Student(), Teacher(), 4.0));
        Assert.True(Math.Abs(torchSharpDefaults.item<float>() - pytorchBatchmean.item<float>()) > 1e-3);
    }

    [Fact]
    public void The_combined_loss_is_alpha_KL_T_squared_plus_one_minus_alpha_hard()
    {
        var labels = tensor(new long[] { 0, 1 });
        var hard = nn.functional.cross_entropy(Student(), labels);
        var soft = DistillationLoss.SoftTerm(Student(), Teacher(), 4.0).item<float>();

        var combined = DistillationLoss.Combine(Student(), Teacher(), hard, temperature: 4.0, alpha: 0.7);

        TorchAssert.Close(0.7 * soft * 16 + 0.3 * hard.item<float>(), combined);
    }

    [Fact]
    public void With_alpha_zero_only_the_hard_loss_is_left_and_with_alpha_one_the_T_squared_stays()
    {
        var hard = tensor(1.25f);
        var soft = DistillationLoss.SoftTerm(Student(), Teacher(), 2.0).item<float>();

        TorchAssert.Close(1.25, DistillationLoss.Combine(Student(), Teacher(), hard, 2.0, 0.0));
        TorchAssert.Close(soft * 4, DistillationLoss.Combine(Student(), Teacher(), hard, 2.0, 1.0));
    }

    [Fact]
    public void A_student_equal_to_its_teacher_has_no_soft_loss()
    {
        TorchAssert.Close(0, DistillationLoss.SoftTerm(Teacher(), Teacher(), 3.0), 1e-6);
    }
}
