using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Mixup: batches mixed with a shuffled copy of themselves, λ ~ Beta(α, α). Its own seeded generators are part of
/// every checkpoint.
/// </summary>
internal sealed class Mixup : Technique
{
    public static Technique? From(Recipe recipe) => recipe.Mixup is null ? null : new Mixup();

    public override string Summary(Recipe recipe) =>
        $"mixup α {Literals.Number(recipe.Mixup!.Alpha)}" + (recipe.Mixup.Probability < 1 ? $" p {Literals.Number(recipe.Mixup.Probability)}" : "");

    public override IEnumerable<string> Settings(Recipe recipe)
    {
        var mixup = recipe.Mixup!;
        yield return $"public const double MixupAlpha = {Literals.Double(mixup.Alpha)};";
        yield return $"public const double MixupProbability = {Literals.Double(mixup.Probability)};";
        if (mixup.LabelSmoothing > 0)
        {
            yield return $"public const double MixupLabelSmoothing = {Literals.Double(mixup.LabelSmoothing)};";
            yield return "/// <summary>The targets' ε after loss.label_smoothing and mixup.label_smoothing: 1 − (1 − a)(1 − b).</summary>";
            yield return $"public const double TargetSmoothing = {Literals.Double(mixup.EffectiveSmoothing(recipe.Loss.LabelSmoothing))};";
        }
    }

    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"var mixup = new {TrainingAlias}.Mixup({names.Settings}.MixupAlpha, {names.Settings}.MixupProbability, seed);"];

    public override string? CheckpointPart => "mixup";

    public override (string Type, string Name)? EpochState(TrainerNames names) => ($"{TrainingAlias}.Mixup", "mixup");

    /// <summary>Smoothing goes into the targets once, before mixing; the loss on mixed targets adds none.</summary>
    public override (string Line, string Inputs)? MixBatch(string targets) =>
        ($"var (mixedInputs, targets, _) = mixup.Apply(inputs, {targets});", "mixedInputs");
}
