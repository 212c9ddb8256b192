using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace RecipeDsl.Metrics;

/// <summary>How well a classifier does on a set of examples, and how honest its confidence is.</summary>
/// <param name="Accuracy">Share of examples whose top class is right.</param>
/// <param name="Nll">Mean negative log-likelihood of the true class (nats).</param>
/// <param name="Ece">Expected calibration error: top-label, equal-width bins, weighted by bin size.</param>
/// <param name="Mce">Maximum calibration error: the largest gap of any non-empty bin.</param>
/// <param name="MeanConfidence">Mean of the top-class probability.</param>
public sealed record ClassificationMetrics(int Count, double Accuracy, double Nll, double Ece, double Mce, double MeanConfidence)
{
    public const int DefaultBins = 15;

    /// <summary>exp(NLL): for tokens, the language model's perplexity (the vocabulary size it is as unsure as).</summary>
    public double Perplexity => Math.Exp(Nll);

    /// <summary>The bins ECE and MCE were computed from: a reliability diagram's data.</summary>
    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = Array.Empty<ReliabilityBin>();

    public bool Equals(ClassificationMetrics? other) =>
        other is not null
        && (Count, Accuracy, Nll, Ece, Mce, MeanConfidence) == (other.Count, other.Accuracy, other.Nll, other.Ece, other.Mce, other.MeanConfidence)
        && Reliability.SequenceEqual(other.Reliability);

    public override int GetHashCode() => HashCode.Combine(Count, Accuracy, Nll, Ece, Mce, MeanConfidence);

    /// <summary>Computes every metric from logits (N, K) and class indices (N).</summary>
    public static ClassificationMetrics FromLogits(Tensor logits, Tensor targets, int bins = DefaultBins)
    {
        if (logits.dim() != 2 || targets.dim() != 1 || logits.shape[0] != targets.shape[0] || logits.shape[0] == 0)
        {
            throw new ArgumentException($"Expected non-empty logits (N, K) and targets (N); got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", targets.shape)}].");
        }

        using var scope = NewDisposeScope();
        var (confidence, correct, nll) = Scores(logits, targets);
        return FromScores(confidence, correct, nll, bins);
    }

    /// <summary>
    /// Each example's top-class probability, whether that class is the target, and its NLL (float64): all the metrics
    /// need, so that a large set can be scored in chunks and its logits never held at once.
    /// </summary>
    public static (Tensor Confidence, Tensor Correct, Tensor Nll) Scores(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logProbs = nn.functional.log_softmax(logits.to(float64), dim: 1);
        var nll = logProbs.gather(1, targets.unsqueeze(1)).squeeze(1).neg();
        var (confidence, predicted) = logProbs.exp().max(dim: 1);
        var correct = predicted.eq(targets);
        return (confidence.MoveToOuterDisposeScope(), correct.MoveToOuterDisposeScope(), nll.MoveToOuterDisposeScope());
    }

    /// <summary>The metrics of examples scored by <see cref="Scores"/> (one chunk, or the chunks concatenated).</summary>
    public static ClassificationMetrics FromScores(Tensor confidence, Tensor correct, Tensor nll, int bins = DefaultBins)
    {
        if (confidence.shape[0] == 0)
        {
            throw new ArgumentException("Expected at least one scored example.", nameof(confidence));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // One transfer from the device (each read waits for it), then every metric on the CPU.
        var scores = stack(new[] { confidence.to(float64), correct.to(float64), nll.to(float64) }).cpu();
        var (confidences, hits, losses) = (scores[0], scores[1], scores[2]);
        var reliability = CalibrationError.Bins(confidences, hits, bins);
        var (ece, mce) = CalibrationError.Compute(reliability);
        return new ClassificationMetrics(
            (int)confidence.shape[0],
            hits.mean().item<double>(),
            losses.mean().item<double>(),
            ece,
            mce,
            confidences.mean().item<double>())
        {
            Reliability = reliability,
        };
    }
}
