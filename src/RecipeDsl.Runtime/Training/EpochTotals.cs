using System;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// The running sums of one epoch on the training device — loss and top-class probability, weighted by what each
/// batch scores — so that batches do not wait on the device; read once when the epoch ends. Also times the epoch.
/// </summary>
public sealed class EpochTotals : IDisposable
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Tensor _loss;
    private readonly Tensor _confidence;
    private readonly Tensor _count;

    public EpochTotals(Device device)
    {
        _loss = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
        _confidence = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
        _count = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
    }

    /// <summary>A batch of whole examples: <paramref name="loss"/> is their mean, <paramref name="logits"/> (N, K).</summary>
    public void Add(Tensor loss, Tensor logits)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var examples = ((double)logits.shape[0]).ToScalar();
        _loss.add_(loss.detach(), alpha: examples);
        _confidence.add_(nn.functional.softmax(logits.detach(), 1).amax(1).sum(), alpha: HeldScalars.One);
        _count.add_(examples, alpha: HeldScalars.One);
    }

    /// <summary>
    /// A batch of token positions: <paramref name="loss"/> is the mean over the positions whose target is not
    /// <paramref name="ignoreIndex"/>, <paramref name="logits"/> (P, V), <paramref name="targets"/> (P).
    /// </summary>
    public void AddTokens(Tensor loss, Tensor logits, Tensor targets, long ignoreIndex)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var ignored = ignoreIndex.ToScalar();
        // A 0/1 weight per position rather than masked_select, whose output size the host would have to wait for.
        var kept = targets.ne(ignored).to(float64);
        var keptCount = kept.sum();
        _loss.add_(loss.detach().to(float64) * keptCount, alpha: HeldScalars.One);
        _confidence.add_(nn.functional.softmax(logits.detach(), 1).amax(1).to(float64).mul(kept).sum(), alpha: HeldScalars.One);
        _count.add_(keptCount, alpha: HeldScalars.One);
    }

    /// <summary>Time since the epoch began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Mean loss and mean top-class probability over everything added.</summary>
    public (double Loss, double Confidence) Means()
    {
        var count = _count.item<double>();
        return (_loss.item<double>() / count, _confidence.item<double>() / count);
    }

    public void Dispose()
    {
        _loss.Dispose();
        _confidence.Dispose();
        _count.Dispose();
    }
}
