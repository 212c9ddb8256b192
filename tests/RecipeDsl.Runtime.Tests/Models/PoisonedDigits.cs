using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Models;

/// <summary>
/// A linear model whose logits turn NaN from its <see cref="PoisonedStep"/>-th training forward pass on
/// (Recipes/smoke-poisoned.recipe.yaml: 3 batches an epoch, so the fifth is epoch 2, batch 2).
/// </summary>
internal sealed class PoisonedDigits : nn.Module<Tensor, Tensor>
{
    public const int PoisonedStep = 5;

    private readonly Linear layer;
    private int trainingSteps;

    public PoisonedDigits()
        : base(nameof(PoisonedDigits))
    {
        layer = nn.Linear(28 * 28, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var logits = layer.call(input.flatten(1));
        if (training && ++trainingSteps >= PoisonedStep)
        {
            using var nan = double.NaN.ToScalar();
            return logits.mul(nan);
        }

        return logits;
    }
}
