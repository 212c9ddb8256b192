using System;
using System.Collections.Generic;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// <see cref="TorchSharp.Modules.Adam"/> with the same update, state and state_dict format, stepping with Scalars it
/// holds until the step ends (see <see cref="HeldScalars"/>), over the whole group at once when its parameters share
/// one buffer (see <see cref="FlatParameters"/>). Weight decay is L2 added to the gradient.
/// </summary>
public sealed class Adam : TorchSharp.Modules.Adam
{
    private readonly FlatAdamGroups _flat;

    public Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
        _flat = new FlatAdamGroups(
            ParamGroups,
            ref long (parameter) => ref StateOf(parameter).step,
            ref Tensor? (parameter) => ref StateOf(parameter).exp_avg,
            ref Tensor? (parameter) => ref StateOf(parameter).exp_avg_sq);
    }

    /// <summary>Whether every parameter group steps as one flat buffer.</summary>
    internal bool StepsFlat => _flat.AllFlat(ParamGroups);

    public override void zero_grad()
    {
        if (!_flat.ClearGradients(ParamGroups))
        {
            base.zero_grad();
        }
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group =>
        {
            var options = (Options)group.Options;
            if (!options.amsgrad!.Value && _flat.TryStep(group, new AdamSettings(
                    options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.weight_decay!.Value, Decoupled: false, options.maximize!.Value)))
            {
                return;
            }

            var weightDecay = options.weight_decay!.Value;
            using var decay = weightDecay.ToScalar();
            using var update = new AdamUpdate(options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.LearningRate!.Value, options.amsgrad!.Value);
            foreach (var parameter in group.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null)
                {
                    continue;
                }

                if (options.maximize!.Value)
                {
                    gradient = gradient.neg();
                }

                if (weightDecay != 0)
                {
                    gradient = gradient.add(parameter, alpha: decay);
                }

                var state = (State)_state[parameter.Handle];
                state.step += 1;
                update.Apply(parameter, gradient, state.step, state.exp_avg, state.exp_avg_sq, ref state.max_exp_avg_sq);
            }
        },
        closure);

    private State StateOf(TorchSharp.Modules.Parameter parameter) => (State)_state[parameter.Handle];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _flat.Dispose();
        }
    }
}
