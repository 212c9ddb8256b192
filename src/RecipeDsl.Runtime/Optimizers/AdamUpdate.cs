using System;
using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>The moment updates and the parameter step that Adam and AdamW share, with every number held.</summary>
internal static class AdamUpdate
{
    /// <param name="step">The parameter's step count after this step (1 on the first).</param>
    /// <param name="maxExpAvgSq">The running maximum of the second moment; replaced when <paramref name="amsgrad"/>.</param>
    public static void Apply(
        TorchSharp.Modules.Parameter parameter,
        Tensor gradient,
        long step,
        Tensor expAvg,
        Tensor expAvgSq,
        ref Tensor? maxExpAvgSq,
        double beta1,
        double beta2,
        double eps,
        double lr,
        bool amsgrad)
    {
        using var scalars = new HeldScalars();
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        expAvg.mul_(scalars.Of(beta1)).add_(gradient, alpha: scalars.Of(1 - beta1));
        expAvgSq.mul_(scalars.Of(beta2)).addcmul_(gradient, gradient.conj(), value: scalars.Of(1 - beta2));
        var secondMoment = expAvgSq;
        if (amsgrad)
        {
            var previous = maxExpAvgSq!;
            maxExpAvgSq = maximum(previous, expAvgSq).DetachFromDisposeScope();
            previous.Dispose();
            secondMoment = maxExpAvgSq;
        }

        var denominator = secondMoment.sqrt().div_(scalars.Of(Math.Sqrt(biasCorrection2))).add_(scalars.Of(eps), alpha: HeldScalars.One);
        parameter.addcdiv_(expAvg, denominator, value: scalars.Of(-lr / biasCorrection1));
    }
}
