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
    private readonly Tensor _firstNonFiniteBatch;
    private readonly string _recipe;
    private readonly int _epoch;
    private int _batches;

    public EpochTotals(string recipe, int epoch, Device device)
    {
        _recipe = recipe;
        _epoch = epoch;
        _loss = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
        _confidence = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
        _count = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
        _firstNonFiniteBatch = zeros(1, dtype: int64, device: device).DetachFromDisposeScope();
    }

    /// <summary>A batch of whole examples: <paramref name="loss"/> is their mean, <paramref name="logits"/> (N, K).</summary>
    public void Add(Tensor loss, Tensor logits)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var examples = ((double)logits.shape[0]).ToScalar();
        NoteBatch(loss);
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
        NoteBatch(loss);
        var kept = targets.ne(ignored).to(float64);
        var keptCount = kept.sum();
        _loss.add_(loss.detach().to(float64) * keptCount, alpha: HeldScalars.One);
        _confidence.add_(nn.functional.softmax(logits.detach(), 1).amax(1).to(float64).mul(kept).sum(), alpha: HeldScalars.One);
        _count.add_(keptCount, alpha: HeldScalars.One);
    }

    /// <summary>Time since the epoch began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Remembers, on the device, the number of the first batch whose loss is not finite (0: none yet).</summary>
    private void NoteBatch(Tensor loss)
    {
        _batches++;
        using var number = ((long)_batches).ToScalar();
        var firstHere = _firstNonFiniteBatch.eq(HeldScalars.Zero).logical_and(loss.detach().isfinite().logical_not());
        _firstNonFiniteBatch.masked_fill_(firstHere, number);
    }

    /// <summary>Mean loss and mean top-class probability over everything added.</summary>
    /// <exception cref="NonFiniteLossException">A batch's loss was NaN or infinite.</exception>
    public (double Loss, double Confidence) Means()
    {
        if (_firstNonFiniteBatch.item<long>() is var batch and > 0)
        {
            throw new NonFiniteLossException(_recipe, _epoch, (int)batch, _batches);
        }

        var count = _count.item<double>();
        return (_loss.item<double>() / count, _confidence.item<double>() / count);
    }

    public void Dispose()
    {
        _loss.Dispose();
        _confidence.Dispose();
        _count.Dispose();
        _firstNonFiniteBatch.Dispose();
    }
}
