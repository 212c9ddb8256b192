using RecipeDsl.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Cli.Models;

/// <summary>
/// A network written by hand rather than described in YAML: recipes/mnist-custom.recipe.yaml names it with
/// <c>model.type</c>, and the generated trainer builds and trains it directly.
/// </summary>
internal sealed class ResidualMlp : nn.Module<Tensor, Tensor>
{
    private readonly Flatten flatten;
    private readonly Linear input;
    private readonly Linear residual;
    private readonly LayerNorm norm;
    private readonly Linear output;

    public ResidualMlp()
        : base(nameof(ResidualMlp))
    {
        flatten = nn.Flatten();
        input = nn.Linear(28 * 28, 256);
        residual = nn.Linear(256, 256);
        norm = nn.LayerNorm(256);
        output = nn.Linear(256, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        var hidden = nn.functional.relu(input.call(flatten.call(images)));
        hidden = norm.call(hidden.add(nn.functional.relu(residual.call(hidden)), alpha: HeldScalars.One));
        return output.call(hidden);
    }
}
