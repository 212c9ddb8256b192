using System;
using System.Collections.Generic;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// <see cref="TorchSharp.Modules.SGD"/> with the same update, state and state_dict format, stepping with Scalars it
/// holds until the step ends (see <see cref="HeldScalars"/>).
/// </summary>
public sealed class SGD : TorchSharp.Modules.SGD
{
    public SGD(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
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
}
