using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>Per-class ε (<c>loss.class_smoothing</c>): the ε of each true class as a tensor on the device, made once.</summary>
internal sealed class ClassSmoothing : Technique
{
    public override IEnumerable<string> Settings(Recipe recipe) =>
    [
        "/// <summary>ε by true class (index = class).</summary>",
        $"public static global::System.Collections.Generic.IReadOnlyList<double> ClassSmoothing {{ get; }} = new double[] {{ {Literals.Doubles(recipe.Loss.ClassSmoothing)} }};",
    ];

    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"using var classSmoothing = {Losses}.SmoothedCrossEntropy.ClassEpsilons({names.Settings}.ClassSmoothing, device.Device);"];
}
