using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Total-norm gradient clipping (<c>training.grad_clip_norm</c>) between backward and the optimizer step; each epoch's
/// metrics carry the mean norm before clipping.
/// </summary>
internal sealed class GradientClipping : Technique
{
    private readonly double _maxNorm;

    public GradientClipping(double maxNorm) => _maxNorm = maxNorm;

    public static Technique? From(Recipe recipe) => recipe.Training.GradClipNorm is { } maxNorm ? new GradientClipping(maxNorm) : null;

    public override string Summary(Recipe recipe) => $"gradient norm clipped at {Literals.Number(_maxNorm)}";

    public override IEnumerable<string> Settings(Recipe recipe) => [$"public const double GradClipNorm = {Literals.Double(_maxNorm)};"];

    public override IEnumerable<string> PrepareLoop(TrainerNames names) =>
        [$"using var clipping = new {TrainingAlias}.GradientClipping({names.Settings}.GradClipNorm, device.Device);"];

    public override (string Type, string Name)? EpochState(TrainerNames names) => ($"{TrainingAlias}.GradientClipping", "clipping");

    public override IEnumerable<string> BeforeStep(TrainerNames names) => ["clipping.Clip(model.parameters());"];

    public override string? EpochMetric => "GradientNorm = clipping.TakeMeanNorm()";
}
