using System;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Losses;

/// <summary>
/// Knowledge distillation (Hinton et al. 2015), as the seed article's <c>DistillationLoss</c>:
/// α · KL(softmax(t/T) ‖ softmax(s/T)) · T² + (1 − α) · hard-label loss, the KL averaged over the batch
/// ("batchmean"). The T² keeps the soft term's gradients on the scale of the hard term's; it is applied whatever α
/// is (torchdistill dropped it when α = 0).
/// </summary>
public static class DistillationLoss
{
    /// <summary>KL(softmax(teacher/T) ‖ softmax(student/T)), summed over classes and averaged over the batch.</summary>
    public static Tensor SoftTerm(Tensor studentLogits, Tensor teacherLogits, double temperature)
    {
        if (temperature <= 0 || double.IsNaN(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The distillation temperature must be above 0.");
        }

        using var scope = NewDisposeScope();
        using var t = temperature.ToScalar();
        using var batch = ((double)studentLogits.shape[0]).ToScalar();
        var studentLogProbs = nn.functional.log_softmax(studentLogits.div(t), dim: 1);
        var teacherLogProbs = nn.functional.log_softmax(teacherLogits.div(t), dim: 1);
        // Written out rather than through functional.kl_div, whose TorchSharp defaults (log_target: true, no batchmean) differ from PyTorch's.
        var kl = (teacherLogProbs.exp() * (teacherLogProbs - studentLogProbs)).sum().div(batch);
        return kl.MoveToOuterDisposeScope();
    }

    /// <param name="hardLoss">The student's loss against the true labels (already reduced to a scalar).</param>
    /// <param name="alpha">Weight of the soft term, in [0, 1].</param>
    public static Tensor Combine(Tensor studentLogits, Tensor teacherLogits, Tensor hardLoss, double temperature, double alpha)
    {
        if (alpha is < 0 or > 1 || double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The distillation weight α must lie in [0, 1].");
        }

        using var scope = NewDisposeScope();
        using var softWeight = (alpha * temperature * temperature).ToScalar();
        using var hardWeight = (1 - alpha).ToScalar();
        var soft = SoftTerm(studentLogits, teacherLogits, temperature);
        return soft.mul(softWeight).add_(hardLoss.mul(hardWeight), alpha: HeldScalars.One).MoveToOuterDisposeScope();
    }
}
