using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>Per-class ε (<c>loss.class_smoothing</c>): the ε of each true class as a tensor on the device, made once.</summary>
internal sealed class ClassSmoothing : Technique, ITargetSmoothing
{
    public static bool In(Recipe recipe) => recipe.Loss.ClassSmoothing.Count > 0;

    public static Technique? From(Recipe recipe) => In(recipe) ? new ClassSmoothing() : null;

    public override string Summary(Recipe recipe) =>
        $"label smoothing per class ε [{string.Join(", ", recipe.Loss.ClassSmoothing.Select(Literals.Number))}] ({recipe.Loss.Convention.Spelling()})";

    public override IEnumerable<string> Settings(Recipe recipe) => LabelSmoothing.EpsilonSettings(recipe).Concat(
    [
        "/// <summary>ε by true class (index = class).</summary>",
        $"public static global::System.Collections.Generic.IReadOnlyList<double> ClassSmoothing {{ get; }} = new double[] {{ {Literals.Doubles(recipe.Loss.ClassSmoothing)} }};",
    ]);

    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"using var classSmoothing = {LossesAlias}.SmoothedCrossEntropy.ClassEpsilons({names.Settings}.ClassSmoothing, device.Device);"];

    public override (string Type, string Name)? EpochState(TrainerNames names) => (Tensor, "classSmoothing");

    public string Targets(TrainerNames names, string epsilon) =>
        $"{LossesAlias}.SmoothedCrossEntropy.TargetsPerClass(labels, {names.Settings}.Classes, classSmoothing, {names.Settings}.SmoothingConvention)";

    /// <remarks>The parser keeps class_smoothing away from sequences, so there is no ignore index here.</remarks>
    public string CrossEntropy(TrainerNames names, string logits, string labels, string epsilon, string? ignoreIndex) =>
        $"{LossesAlias}.SmoothedCrossEntropy.Compute({logits}, {labels}, classSmoothing, {names.Settings}.SmoothingConvention)";
}
