using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// <see cref="TorchSharp.Modules.SGD"/> with the same update, state and state_dict format, stepping with Scalars it
/// holds until the step ends (see <see cref="HeldScalars"/>), over the whole group at once when its parameters share
/// one buffer (see <see cref="FlatParameters"/>).
/// </summary>
public sealed class SGD : TorchSharp.Modules.SGD
{
    private readonly Dictionary<ParamGroup, FlatMomentum> _flat = new();

    public SGD(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
        foreach (var group in ParamGroups.Cast<ParamGroup>())
        {
            if (FlatParameters.TryCreate(group.Parameters) is { } flat)
            {
                _flat.Add(group, new FlatMomentum(flat, flat.NewState()));
            }
        }
    }

    /// <summary>Whether every parameter group steps as one flat buffer.</summary>
    internal bool StepsFlat => ParamGroups.All(group => group is ParamGroup paramGroup && _flat.ContainsKey(paramGroup));

    public override void zero_grad()
    {
        foreach (var group in _flat.Values)
        {
            group.Flat.ClearGradients();
        }

        // A group that is not flat (one added since construction, say): TorchSharp zeroes its gradients.
        if (!StepsFlat)
        {
            base.zero_grad();
        }
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group =>
        {
            var options = (Options)group.Options;
            var momentum = options.momentum!.Value;
            var weightDecay = options.weight_decay!.Value;
            var lr = options.LearningRate!.Value;
            using var scalars = new HeldScalars();
            var momentumScalar = scalars.Of(momentum);
            var gradientShare = scalars.Of(1 - options.dampening!.Value);
            var decay = scalars.Of(weightDecay);
            var stepSize = scalars.Of(options.maximize!.Value ? lr : -lr);
            if (_flat.TryGetValue(group, out var flat) && flat.Flat.EnsureInBuffer() && Started(flat) is { } started
                && flat.Flat.Gradients() is { } gradients)
            {
                var flatGradient = FlatParameters.Gather(gradients);
                if (weightDecay != 0)
                {
                    flatGradient.add_(flat.Flat.Values, alpha: decay);
                }

                if (momentum != 0)
                {
                    if (started)
                    {
                        flat.Momentum.Buffer.mul_(momentumScalar).add_(flatGradient, alpha: gradientShare);
                    }
                    else
                    {
                        flat.Momentum.Buffer.copy_(flatGradient);
                        for (var i = 0; i < flat.Flat.Parameters.Count; i++)
                        {
                            StateOf(flat.Flat.Parameters[i]).momentum_buffer = flat.Momentum.Give(i);
                        }
                    }

                    flatGradient = options.nesterov!.Value ? flatGradient.add(flat.Momentum.Buffer, alpha: momentumScalar) : flat.Momentum.Buffer;
                }

                flat.Flat.Values.add_(flatGradient, alpha: stepSize);
                return;
            }

            foreach (var parameter in group.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null)
                {
                    continue;
                }

                if (weightDecay != 0)
                {
                    gradient = gradient.add(parameter, alpha: decay);
                }

                if (momentum != 0)
                {
                    var state = (State)_state[parameter.Handle];
                    if (state.momentum_buffer is null)
                    {
                        state.momentum_buffer = gradient.clone().detach().DetachFromDisposeScope();
                    }
                    else
                    {
                        state.momentum_buffer.mul_(momentumScalar).add_(gradient, alpha: gradientShare);
                    }

                    gradient = options.nesterov!.Value ? gradient.add(state.momentum_buffer, alpha: momentumScalar) : state.momentum_buffer;
                }

                parameter.add_(gradient, alpha: stepSize);
            }
        },
        closure);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var group in _flat.Values)
            {
                group.Flat.Dispose();
                group.Momentum.Dispose();
            }
        }
    }

    /// <summary>
    /// True when every parameter of <paramref name="flat"/> has momentum (rebound to its view), false when none has
    /// yet, null when only some have (an earlier step skipped a parameter): the group then steps parameter by parameter.
    /// </summary>
    private bool? Started(FlatMomentum flat)
    {
        var count = 0;
        for (var i = 0; i < flat.Flat.Parameters.Count; i++)
        {
            var state = StateOf(flat.Flat.Parameters[i]);
            if (state.momentum_buffer is not null)
            {
                flat.Momentum.Bind(i, ref state.momentum_buffer!);
                count++;
            }
        }

        return count == flat.Flat.Parameters.Count ? true : count == 0 ? false : null;
    }

    private State StateOf(TorchSharp.Modules.Parameter parameter) => (State)_state[parameter.Handle];

    /// <summary>
    /// A flat group and its momentum, whose views become TorchSharp's state tensors at the first step (TorchSharp's
    /// SGD has no momentum state before it).
    /// </summary>
    private sealed record FlatMomentum(FlatParameters Flat, StateViews Momentum);
}
