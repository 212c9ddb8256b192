using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// The loss and top-class probability of one epoch's batches, kept on the training device and read a block at a time
/// (at the latest when the epoch ends), so that batches never wait on the device; also times the epoch.
/// </summary>
/// <remarks>
/// Each batch keeps its loss and its logits (views, no kernel) or, when the logits are large, its summed confidence
/// (three kernels): running sums on the device cost a kernel per term and watching for the first non-finite batch
/// five more, and a small model's step on a GPU is bound by kernel launches, not arithmetic (benchmarks/README.md).
/// Sums are taken in float64.
/// </remarks>
public sealed class EpochTotals : IDisposable
{
    /// <summary>Batches kept on the device before they are read in one transfer (memory stays bounded in long epochs).</summary>
    private const int BlockSize = 1024;

    /// <summary>
    /// Logits up to this many values are kept as they are and scored a block at a time (no kernel per batch); larger
    /// ones (a language model's) are reduced to their confidence sum at once. A block then holds at most 64 MiB.
    /// </summary>
    private const long DeferredLogitsValues = 1 << 14;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<Tensor> _losses = new();
    private readonly List<Tensor> _confidences = new();
    private readonly List<Tensor> _deferredLogits = new();
    private readonly List<Tensor> _tokenCounts = new();
    private readonly List<double> _exampleCounts = new();
    private readonly string _recipe;
    private readonly int _epoch;
    private int _batches;
    private bool? _tokens;
    private int _firstNonFiniteBatch;
    private double _loss;
    private double _confidence;
    private double _count;

    public EpochTotals(string recipe, int epoch)
    {
        _recipe = recipe;
        _epoch = epoch;
    }

    /// <summary>A batch of whole examples: <paramref name="loss"/> is their mean, <paramref name="logits"/> (N, K).</summary>
    public void Add(Tensor loss, Tensor logits)
    {
        Expect(tokens: false);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        _exampleCounts.Add(logits.shape[0]);
        if (logits.NumberOfElements <= DeferredLogitsValues)
        {
            _deferredLogits.Add(logits.detach().DetachFromDisposeScope());
            Keep(loss, confidence: null);
            return;
        }

        Keep(loss, nn.functional.softmax(logits.detach(), 1).amax(1).sum());
    }

    /// <summary>
    /// A batch of token positions: <paramref name="loss"/> is the mean over the positions whose target is not
    /// <paramref name="ignoreIndex"/>, <paramref name="logits"/> (P, V), <paramref name="targets"/> (P).
    /// </summary>
    public void AddTokens(Tensor loss, Tensor logits, Tensor targets, long ignoreIndex)
    {
        Expect(tokens: true);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var ignored = ignoreIndex.ToScalar();
        // A 0/1 weight per position rather than masked_select, whose output size the host would have to wait for.
        var kept = targets.ne(ignored).to(logits.dtype);
        _tokenCounts.Add(kept.sum().DetachFromDisposeScope());
        Keep(loss, nn.functional.softmax(logits.detach(), 1).amax(1).mul(kept).sum());
    }

    /// <summary>An epoch weighs its batches by examples or by token positions, never both.</summary>
    private void Expect(bool tokens)
    {
        _tokens ??= tokens;
        if (_tokens != tokens)
        {
            throw new InvalidOperationException("An epoch's batches are either whole examples (Add) or token positions (AddTokens), not both.");
        }
    }

    /// <summary>Time since the epoch began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Mean loss and mean top-class probability over everything added.</summary>
    /// <exception cref="NonFiniteLossException">A batch's loss was NaN or infinite.</exception>
    public (double Loss, double Confidence) Means()
    {
        Read();
        if (_firstNonFiniteBatch > 0)
        {
            throw new NonFiniteLossException(_recipe, _epoch, _firstNonFiniteBatch, _batches);
        }

        return (_loss / _count, _confidence / _count);
    }

    /// <param name="confidence">The batch's confidence sum; null when its logits were kept instead.</param>
    private void Keep(Tensor loss, Tensor? confidence)
    {
        _losses.Add(loss.detach().DetachFromDisposeScope());
        if (confidence is not null)
        {
            _confidences.Add(confidence.DetachFromDisposeScope());
        }

        if (_losses.Count == BlockSize)
        {
            Read();
        }
    }

    /// <summary>Reads the kept batches in one transfer and adds them up in float64.</summary>
    private void Read()
    {
        var kept = _losses.Count;
        if (kept == 0)
        {
            return;
        }

        double[] values;
        using (var scope = NewDisposeScope())
        {
            // One transfer: the losses, then the confidence sums (one for all kept logits, one per other batch),
            // then for tokens the scored positions.
            var parts = new List<Tensor> { stack(_losses).to(float64) };
            if (_deferredLogits.Count > 0)
            {
                parts.Add(nn.functional.softmax(cat(_deferredLogits), 1).amax(1).to(float64).sum().reshape(1));
            }

            if (_confidences.Count > 0)
            {
                parts.Add(stack(_confidences).to(float64));
            }

            if (_tokenCounts.Count > 0)
            {
                parts.Add(stack(_tokenCounts).to(float64));
            }

            values = cat(parts).cpu().data<double>().ToArray();
        }

        var confidences = values.Length - kept - _tokenCounts.Count;
        for (var i = 0; i < kept; i++)
        {
            _batches++;
            var loss = values[i];
            var weight = _tokenCounts.Count > 0 ? values[kept + confidences + i] : _exampleCounts[i];
            if (!double.IsFinite(loss) && _firstNonFiniteBatch == 0)
            {
                _firstNonFiniteBatch = _batches;
            }

            _loss += loss * weight;
            _count += weight;
        }

        for (var i = 0; i < confidences; i++)
        {
            _confidence += values[kept + i];
        }

        Dispose();
    }

        /// <summary>Frees the batches not read yet (all of them after <see cref="Means"/>).</summary>
    public void Dispose()
    {
        foreach (var tensor in _losses.Concat(_confidences).Concat(_deferredLogits).Concat(_tokenCounts))
        {
            tensor.Dispose();
        }

        _losses.Clear();
        _confidences.Clear();
        _deferredLogits.Clear();
        _tokenCounts.Clear();
        _exampleCounts.Clear();
    }
}
