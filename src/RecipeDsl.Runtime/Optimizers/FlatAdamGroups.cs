using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// Adam's and AdamW's groups laid out flat (<see cref="FlatParameters"/>): per group the values, and the two moments
/// as buffers whose per-parameter views are TorchSharp's own state tensors, so state_dict and checkpoints keep their
/// format and load in place.
/// </summary>
internal sealed class FlatAdamGroups : IDisposable
{
    /// <summary>A field of a parameter's TorchSharp state (Adam and AdamW each define their own State class).</summary>
    public delegate ref long StepField(Parameter parameter);

    /// <inheritdoc cref="StepField"/>
    public delegate ref Tensor? MomentField(Parameter parameter);

    private readonly Dictionary<ParamGroup, Group> _groups = new();
    private readonly StepField _step;
    private readonly MomentField _expAvg;
    private readonly MomentField _expAvgSq;
    private readonly bool _allFlat = true;

    public FlatAdamGroups(IEnumerable<torch.optim.ILearningRateController> groups, StepField step, MomentField expAvg, MomentField expAvgSq)
    {
        (_step, _expAvg, _expAvgSq) = (step, expAvg, expAvgSq);
        foreach (var group in groups.Cast<ParamGroup>())
        {
            if (FlatParameters.TryCreate(group.Parameters) is not { } flat)
            {
                _allFlat = false;
                continue;
            }

            var moments = new Group(flat, flat.NewState(), flat.NewState());
            moments.Bind(expAvg, expAvgSq);
            _groups.Add(group, moments);
        }
    }

    /// <summary>Whether every group steps as one flat buffer (tests ask).</summary>
    public bool AllFlat => _allFlat && _groups.Count > 0;

    /// <summary>Sets every flat group's gradients to none; false when some group is not flat (the caller zeroes).</summary>
    public bool ClearGradients()
    {
        foreach (var group in _groups.Values)
        {
            group.Flat.ClearGradients();
        }

        return _allFlat;
    }

    /// <summary>
    /// Counts the step for every parameter of <paramref name="group"/> and returns the tensors of one flat update, or
    /// null when the group must step parameter by parameter: not flat, a parameter without a gradient, moved out of
    /// the buffer, or step counts that differ (an earlier step skipped some parameter).
    /// </summary>
    public FlatStep? TryStep(ParamGroup group, bool maximize)
    {
        if (!_groups.TryGetValue(group, out var moments) || !moments.Flat.EnsureInBuffer())
        {
            return null;
        }

        var parameters = moments.Flat.Parameters;
        var step = _step(parameters[0]);
        if (parameters.Any(p => _step(p) != step) || moments.Flat.GatherGradients() is not { } gradient)
        {
            return null;
        }

        foreach (var parameter in parameters)
        {
            _step(parameter) = step + 1;
        }

        moments.Bind(_expAvg, _expAvgSq);

        return new FlatStep(moments.Flat.Values, maximize ? gradient.neg_() : gradient, step + 1, moments.ExpAvg.Buffer, moments.ExpAvgSq.Buffer);
    }

    public void Dispose()
    {
        foreach (var group in _groups.Values)
        {
            group.Flat.Dispose();
            group.ExpAvg.Dispose();
            group.ExpAvgSq.Dispose();
        }
    }

    /// <summary>A flat group: its values and its two moments.</summary>
    private sealed record Group(FlatParameters Flat, StateViews ExpAvg, StateViews ExpAvgSq)
    {
        /// <summary>Points every parameter's state at its views (again, when state was loaded from elsewhere).</summary>
        public void Bind(MomentField expAvg, MomentField expAvgSq)
        {
            for (var i = 0; i < Flat.Parameters.Count; i++)
            {
                ExpAvg.Bind(i, ref expAvg(Flat.Parameters[i]));
                ExpAvgSq.Bind(i, ref expAvgSq(Flat.Parameters[i]));
            }
        }
    }
}

/// <summary>One flat Adam update: the values, the gradient (negated when maximizing), the step count after it, the moments.</summary>
internal sealed record FlatStep(Tensor Values, Tensor Gradient, long Step, Tensor ExpAvg, Tensor ExpAvgSq);
