using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RecipeDsl.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <param name="BestValue">Its validation value of <paramref name="Metric"/>.</param>
/// <param name="LastEpoch">The last epoch trained.</param>
/// <param name="BestEpoch">The epoch whose weights the model ends with; 0 when no epoch had a finite metric.</param>
/// <param name="Stopped">Whether training stopped before its last epoch.</param>
public sealed record EarlyStoppingResult(ValidationMetric Metric, int BestEpoch, double BestValue, int LastEpoch, bool Stopped)
{
    public string Describe(string recipe)
    {
        var how = Stopped ? $"stopped early after epoch {LastEpoch}" : $"trained all {LastEpoch} epochs";
        var best = string.Create(CultureInfo.InvariantCulture, $"validation {Metric.Spelling()} {BestValue:G6}");
        return BestEpoch == 0 ? $"{recipe}: {how}; no epoch had a finite validation {Metric.Spelling()}, so the last epoch's weights are kept"
            : BestEpoch == LastEpoch
            ? $"{recipe}: {how}; its last epoch was the best ({best}) and is kept"
            : $"{recipe}: {how}; restored the weights of epoch {BestEpoch}, the best ({best})";
    }
}

/// <summary>
/// Early stopping on the validation split: after every epoch the chosen metric is compared with the best so far; an
/// improvement by more than <c>min_delta</c> keeps a copy of the weights (on the model's device), and after
/// <c>patience</c> epochs without one training stops. At the end the best epoch's weights are put back.
/// A checkpoint keeps the comparison's state and the best weights, so a resumed run stops where the whole one would.
/// </summary>
public sealed class EarlyStopping : ICheckpointPart, IDisposable
{
    private readonly nn.Module _model;
    private readonly ValidationMetric _metric;
    private readonly int _patience;
    private readonly double _minDelta;
    private Dictionary<string, Tensor>? _bestWeights;
    private double _bestGoodness = double.NegativeInfinity;
    private double _bestValue = double.NaN;
    private int _bestEpoch;
    private int _lastEpoch;
    private int _epochsWithoutImprovement;

    public EarlyStopping(nn.Module model, ValidationMetric metric, int patience, double minDelta)
    {
        _model = model;
        _metric = metric;
        _patience = patience;
        _minDelta = minDelta;
    }

    /// <summary>Whether <c>patience</c> epochs have passed without an improvement: the loop trains no further epoch.</summary>
    public bool Stopped { get; private set; }

    public string CheckpointName => "early stopping";

    /// <summary>Compares the epoch's validation metrics with the best so far; call after every epoch.</summary>
    public void Observe(int epoch, ClassificationMetrics validation)
    {
        _lastEpoch = epoch;
        var goodness = _metric.Goodness(validation);
        // The first finite epoch is the best so far; a non-finite one never is.
        if (double.IsFinite(goodness) && (_bestWeights is null || goodness > _bestGoodness + _minDelta))
        {
            ReplaceBestWeights(_model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone().DetachFromDisposeScope()));
            _bestGoodness = goodness;
            _bestValue = _metric.Of(validation);
            _bestEpoch = epoch;
            _epochsWithoutImprovement = 0;
            return;
        }

        _epochsWithoutImprovement++;
        Stopped = _epochsWithoutImprovement >= _patience;
    }

    /// <summary>Puts the best epoch's weights back into the model, and says what happened.</summary>
    /// <param name="epochs">The epochs the run was to train: running out of patience on the last is no early stop.</param>
    public EarlyStoppingResult RestoreBest(int epochs)
    {
        if (_bestWeights is not null && _bestEpoch != _lastEpoch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            _model.load_state_dict(_bestWeights);
        }

        return new EarlyStoppingResult(_metric, _bestEpoch, _bestValue, _lastEpoch, Stopped && _lastEpoch < epochs);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_bestEpoch);
        writer.Write(_lastEpoch);
        writer.Write(_bestGoodness);
        writer.Write(_bestValue);
        writer.Write(_epochsWithoutImprovement);
        writer.Write(Stopped);
        writer.Write(_bestWeights is not null);
        if (_bestWeights is not null)
        {
            writer.Write(_bestWeights.Count);
            foreach (var (name, tensor) in _bestWeights)
            {
                writer.Write(name);
                tensor.Save(writer);
            }
        }
    }

    public void Restore(BinaryReader reader)
    {
        _bestEpoch = reader.ReadInt32();
        _lastEpoch = reader.ReadInt32();
        _bestGoodness = reader.ReadDouble();
        _bestValue = reader.ReadDouble();
        _epochsWithoutImprovement = reader.ReadInt32();
        Stopped = reader.ReadBoolean();
        if (!reader.ReadBoolean())
        {
            ReplaceBestWeights(null);
            return;
        }

        // Tensors shaped like the model's own, filled from the file: a checkpoint of another network fails here.
        using var scope = NewDisposeScope();
        var weights = _model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone().DetachFromDisposeScope());
        try
        {
            var count = reader.ReadInt32();
            if (count != weights.Count)
            {
                throw new InvalidDataException($"its best weights have {count} tensors where the model has {weights.Count}");
            }

            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                if (!weights.TryGetValue(name, out var tensor))
                {
                    throw new InvalidDataException($"its best weights hold '{name}', which the model does not have");
                }

                tensor.Load(reader);
            }
        }
        catch
        {
            foreach (var tensor in weights.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        ReplaceBestWeights(weights);
    }

    private void ReplaceBestWeights(Dictionary<string, Tensor>? weights)
    {
        foreach (var tensor in _bestWeights?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }

        _bestWeights = weights;
    }

    public void Dispose() => ReplaceBestWeights(null);
}
