using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Torch;
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

    public FlatAdamGroups(IEnumerable<torch.optim.ILearningRateController> groups, StepField step, MomentField expAvg, MomentField expAvgSq)
    {
        (_step, _expAvg, _expAvgSq) = (step, expAvg, expAvgSq);
        foreach (var group in groups.Cast<ParamGroup>())
        {
            if (FlatParameters.TryCreate(group.Parameters) is not { } flat)
            {
                continue;
            }

            var moments = new Group(flat, flat.NewState(), flat.NewState());
            moments.Bind(expAvg, expAvgSq);
            _groups.Add(group, moments);
        }
    }

    /// <summary>Whether every one of <paramref name="groups"/> (the optimizer's groups now: one may have been added since) is flat.</summary>
    public bool AllFlat(IEnumerable<torch.optim.ILearningRateController> groups) =>
        groups.All(group => group is ParamGroup paramGroup && _groups.ContainsKey(paramGroup));

    /// <summary>
    /// Sets every flat group's gradients to none; false when some group of <paramref name="groups"/> is not flat, and
    /// the caller zeroes the gradients.
    /// </summary>
    public bool ClearGradients(IEnumerable<torch.optim.ILearningRateController> groups)
    {
        foreach (var group in _groups.Values)
        {
            group.Flat.ClearGradients();
        }

        return AllFlat(groups);
    }

    /// <summary>
    /// Steps every parameter of <paramref name="group"/> at once and counts the step in each one's state; false, with
    /// nothing done, when the group must step parameter by parameter: not flat, a parameter without a gradient, moved
    /// to another device, or step counts that differ (an earlier step skipped some parameter).
    /// </summary>
    public bool TryStep(ParamGroup group, AdamSettings settings)
    {
        if (!_groups.TryGetValue(group, out var moments) || !moments.Flat.EnsureInBuffer())
        {
            return false;
        }

        var parameters = moments.Flat.Parameters;
        var step = _step(parameters[0]);
        if (parameters.Any(p => _step(p) != step) || moments.Flat.Gradients() is not { } gradients)
        {
            return false;
        }

        foreach (var parameter in parameters)
        {
            _step(parameter) = step + 1;
        }

        moments.Bind(_expAvg, _expAvgSq);
        var values = moments.Flat.Values;
        var (expAvg, expAvgSq) = (moments.ExpAvg.Buffer, moments.ExpAvgSq.Buffer);
        if (CpuAdamKernel.Applies(values, gradients))
        {
            CpuAdamKernel.Step(values, expAvg, expAvgSq, gradients, moments.Flat.Offsets, settings.Kernel(step + 1));
            return true;
        }

        var gradient = FlatParameters.Gather(gradients);
        if (settings.Maximize)
        {
            gradient.neg_();
        }

        Update(moments, values, gradient, step + 1, settings);
        return true;
    }

    /// <summary>
    /// The update in tensor operations (on a GPU, or for other element types): eight kernels for the whole group.
    /// Against <see cref="AdamUpdate"/>'s per-parameter form, <c>lerp_</c> moves the first moment in one kernel and
    /// the second moment's bias correction is folded into ε and the step size (√c₂ · m / (√v + ε√c₂) =
    /// m / (√v / √c₂ + ε)), as apex's and PyTorch's fused Adam do: a small model's step on a GPU is bound by launches.
    /// </summary>
    private static void Update(Group moments, Tensor values, Tensor gradient, long step, AdamSettings settings)
    {
        using var scalars = new HeldScalars();
        if (settings.WeightDecay != 0)
        {
            _ = settings.Decoupled
                ? values.mul_(scalars.Of(1 - settings.LearningRate * settings.WeightDecay))
                : gradient.add_(values, alpha: scalars.Of(settings.WeightDecay));
        }

        var correction2 = Math.Sqrt(1 - Math.Pow(settings.Beta2, step));
        var stepSize = -settings.LearningRate * correction2 / (1 - Math.Pow(settings.Beta1, step));
        moments.ExpAvg.Buffer.lerp_(gradient, moments.Weight(1 - settings.Beta1));
        moments.ExpAvgSq.Buffer.mul_(scalars.Of(settings.Beta2)).addcmul_(gradient, gradient, value: scalars.Of(1 - settings.Beta2));
        var denominator = moments.ExpAvgSq.Buffer.sqrt().add_(scalars.Of(settings.Eps * correction2), alpha: HeldScalars.One);
        values.addcdiv_(moments.ExpAvg.Buffer, denominator, value: scalars.Of(stepSize));
    }

    public void Dispose()
    {
        foreach (var group in _groups.Values)
        {
            group.Flat.Dispose();
            group.ExpAvg.Dispose();
            group.ExpAvgSq.Dispose();
            group.DisposeWeight();
        }
    }

    /// <summary>A flat group: its values and its two moments.</summary>
    private sealed record Group(FlatParameters Flat, StateViews ExpAvg, StateViews ExpAvgSq)
    {
        private Tensor? _weight;
        private double _weightValue;

        /// <summary>Points every parameter's state at its views (again, when state was loaded from elsewhere).</summary>
        public void Bind(MomentField expAvg, MomentField expAvgSq)
        {
            for (var i = 0; i < Flat.Parameters.Count; i++)
            {
                ExpAvg.Bind(i, ref expAvg(Flat.Parameters[i]));
                ExpAvgSq.Bind(i, ref expAvgSq(Flat.Parameters[i]));
            }
        }

        /// <summary>
        /// <paramref name="value"/> as a tensor on the group's device, for <c>lerp_</c> (TorchSharp has no Scalar
        /// weight for it); made once, not copied to the device every step.
        /// </summary>
        public Tensor Weight(double value)
        {
            if (_weight is null || _weightValue != value)
            {
                _weight?.Dispose();
                _weight = tensor(value, Flat.Values.dtype, Flat.Values.device).DetachFromDisposeScope();
                _weightValue = value;
            }

            return _weight;
        }

        public void DisposeWeight() => _weight?.Dispose();
    }
}

/// <summary>One Adam or AdamW step's settings (not amsgrad, whose running maximum is per parameter).</summary>
/// <param name="Decoupled">AdamW: weight decay shrinks the values; Adam: it is added to the gradient.</param>
internal sealed record AdamSettings(double LearningRate, double Beta1, double Beta2, double Eps, double WeightDecay, bool Decoupled, bool Maximize)
{
    /// <summary>The numbers of step <paramref name="step"/> (1 on the first) for <see cref="CpuAdamKernel"/>.</summary>
    public CpuAdamKernel.Constants Kernel(long step)
    {
        var (correction1, correction2) = (1 - Math.Pow(Beta1, step), 1 - Math.Pow(Beta2, step));
        return new CpuAdamKernel.Constants(
            Shrink: Decoupled ? (float)(1 - LearningRate * WeightDecay) : 1f,
            Decay: Decoupled ? 0f : (float)WeightDecay,
            Beta1: (float)Beta1, Take1: (float)(1 - Beta1), Beta2: (float)Beta2, Take2: (float)(1 - Beta2),
            Correction2: (float)Math.Sqrt(correction2), Eps: (float)Eps, StepSize: (float)(-LearningRate / correction1), Maximize);
    }
}
