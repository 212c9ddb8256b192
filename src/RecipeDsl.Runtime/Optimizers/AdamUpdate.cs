using System;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// The moment updates and the parameter step that Adam and AdamW share, for one parameter group: its constants are
/// held once per step, the two that depend on a parameter's step count once per parameter.
/// </summary>
internal sealed class AdamUpdate : IDisposable
{
    private readonly HeldScalars _scalars = new();
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _lr;
    private readonly bool _amsgrad;
    private readonly Scalar _keep1;
    private readonly Scalar _take1;
    private readonly Scalar _keep2;
    private readonly Scalar _take2;
    private readonly Scalar _eps;

    public AdamUpdate(double beta1, double beta2, double eps, double lr, bool amsgrad)
    {
        (_beta1, _beta2, _lr, _amsgrad) = (beta1, beta2, lr, amsgrad);
        _keep1 = _scalars.Of(beta1);
        _take1 = _scalars.Of(1 - beta1);
        _keep2 = _scalars.Of(beta2);
        _take2 = _scalars.Of(1 - beta2);
        _eps = _scalars.Of(eps);
    }

    /// <param name="parameter">The values to update: one parameter, or a flat group's buffer.</param>
    /// <param name="step">The parameter's step count after this step (1 on the first).</param>
    /// <param name="maxExpAvgSq">The running maximum of the second moment; replaced when amsgrad.</param>
    public void Apply(Tensor parameter, Tensor gradient, long step, Tensor expAvg, Tensor expAvgSq, ref Tensor? maxExpAvgSq)
    {
        var biasCorrection1 = 1 - Math.Pow(_beta1, step);
        var biasCorrection2 = 1 - Math.Pow(_beta2, step);
        expAvg.mul_(_keep1).add_(gradient, alpha: _take1);
        expAvgSq.mul_(_keep2).addcmul_(gradient, gradient.conj(), value: _take2);
        var secondMoment = expAvgSq;
        if (_amsgrad)
        {
            var previous = maxExpAvgSq!;
            maxExpAvgSq = maximum(previous, expAvgSq).DetachFromDisposeScope();
            previous.Dispose();
            secondMoment = maxExpAvgSq;
        }

        using var correction2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-_lr / biasCorrection1).ToScalar();
        var denominator = secondMoment.sqrt().div_(correction2).add_(_eps, alpha: HeldScalars.One);
        parameter.addcdiv_(expAvg, denominator, value: stepSize);
    }

    public void Dispose() => _scalars.Dispose();
}
