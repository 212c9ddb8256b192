using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Models;

/// <summary>A user-written model for Recipes/smoke-custom.recipe.yaml (model.type).</summary>
internal sealed class LinearDigits : nn.Module<Tensor, Tensor>
{
    private readonly Linear layer;

    public LinearDigits()
        : base(nameof(LinearDigits))
    {
        layer = nn.Linear(28 * 28, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layer.call(input.flatten(1));
}
