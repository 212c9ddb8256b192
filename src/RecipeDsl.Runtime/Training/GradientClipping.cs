using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// Total-norm gradient clipping, as PyTorch's <c>clip_grad_norm_</c>: when the L2 norm of all gradients of a step
/// together exceeds the limit, every gradient is scaled by limit / (norm + 1e-6). The norm before clipping is summed on
/// the device, and read once per epoch as its mean.
/// </summary>
/// <remarks>
/// Written here rather than calling TorchSharp's <c>nn.utils.clip_grad_norm_</c>: that returns the norm as a number,
/// which makes the host wait for the device on every step.
/// </remarks>
public sealed class GradientClipping : IDisposable
{
    /// <summary>PyTorch's guard against dividing by a zero norm.</summary>
    private const double Guard = 1e-6;

    private readonly Scalar _limit;
    private readonly Scalar _guard = Guard.ToScalar();
    private readonly Tensor _normSum;
    private int _steps;

    public GradientClipping(double maxNorm, Device device)
    {
        _limit = maxNorm.ToScalar();
        _normSum = zeros(1, dtype: float64, device: device).DetachFromDisposeScope();
    }

    /// <summary>Clips the gradients of <paramref name="parameters"/> in place, after <c>backward()</c> and before the step.</summary>
    public void Clip(IEnumerable<Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradients = parameters.Select(parameter => parameter.grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0)
        {
            return;
        }

        // Σ g² per gradient, then √ of the sum: the same norm as vector_norm, which would pass its order as an implicit
        // Scalar (freed by the finalizer, possibly while libtorch still reads it).
        var total = stack(gradients.Select(gradient => gradient.mul(gradient).sum()).ToList()).sum().sqrt();
        var factor = total.add(_guard, alpha: HeldScalars.One).reciprocal().mul(_limit).clamp_max(HeldScalars.One);
        foreach (var gradient in gradients)
        {
            gradient.mul_(factor);
        }

        _normSum.add_(total.to(float64), alpha: HeldScalars.One);
        _steps++;
    }

    /// <summary>The mean norm before clipping over the steps since the last call (NaN when there were none); starts afresh.</summary>
    public double TakeMeanNorm()
    {
        var mean = _steps == 0 ? double.NaN : _normSum.item<double>() / _steps;
        _normSum.zero_();
        _steps = 0;
        return mean;
    }

    public void Dispose()
    {
        _normSum.Dispose();
        _limit.Dispose();
        _guard.Dispose();
    }
}
