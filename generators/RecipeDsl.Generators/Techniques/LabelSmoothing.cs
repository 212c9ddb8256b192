using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Losses;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Label smoothing with one ε for every class (<c>loss.label_smoothing</c>, in either convention), and the smoothing of
/// Mixup's targets (<c>mixup.label_smoothing</c>), which combines with it into one ε. On labels it is TorchSharp's own
/// <c>label_smoothing</c> (uniform) or the library's off-target loss; for Mixup or focal loss it builds the targets.
/// </summary>
internal sealed class LabelSmoothing : Technique, ITargetSmoothing
{
    private readonly Recipe _recipe;

    public LabelSmoothing(Recipe recipe) => _recipe = recipe;

    /// <summary>
    /// The unit when a recipe's targets are smoothed by one shared ε (written, swept, or added by Mixup) and not per
    /// class, which replaces it.
    /// </summary>
    public static Technique? From(Recipe recipe) =>
        !ClassSmoothing.In(recipe) && (recipe.Loss.LabelSmoothing > 0 || recipe.Sweep is not null || recipe.Mixup is { LabelSmoothing: > 0 })
            ? new LabelSmoothing(recipe)
            : null;

    /// <summary>Nothing when only Mixup smooths (ε = 0 here): the recipe then says "hard labels" and Mixup's part.</summary>
    public override string? Summary(Recipe recipe) =>
        recipe.Loss.LabelSmoothing > 0 ? $"label smoothing ε {Literals.Number(recipe.Loss.LabelSmoothing)} ({recipe.Loss.Convention.Spelling()})" : null;

    public override IEnumerable<string> Settings(Recipe recipe) => EpsilonSettings(recipe);

    public string Targets(TrainerNames names, string epsilon)
    {
        var settings = names.Settings;
        var combined = _recipe.Mixup is not { LabelSmoothing: > 0 } ? epsilon
            // loss.label_smoothing and mixup.label_smoothing both smooth the targets: once, by the combined ε (RD1003 warns).
            : _recipe.Sweep is null ? $"{settings}.TargetSmoothing"
            : $"1 - (1 - {settings}.MixupLabelSmoothing) * (1 - {epsilon})";
        return $"{LossesAlias}.SmoothedCrossEntropy.Targets(labels, {settings}.Classes, {combined}, {settings}.SmoothingConvention)";
    }

    public string CrossEntropy(TrainerNames names, string logits, string labels, string epsilon, string? ignoreIndex) =>
        _recipe.Loss.Convention == SmoothingConvention.Uniform
            ? $"{Functional}.cross_entropy({logits}, {labels}{(ignoreIndex is null ? "" : $", ignore_index: {ignoreIndex}")}, label_smoothing: {epsilon})"
            : $"{LossesAlias}.SmoothedCrossEntropy.Compute({logits}, {labels}, {epsilon}, {names.Settings}.SmoothingConvention{(ignoreIndex is null ? "" : $", ignoreIndex: {ignoreIndex}")})";

    /// <summary>ε (when the recipe writes or sweeps one) and its convention: what every smoothing technique states.</summary>
    internal static IEnumerable<string> EpsilonSettings(Recipe recipe)
    {
        if (recipe.Loss.LabelSmoothing > 0 || recipe.Sweep is not null)
        {
            yield return $"public const double LabelSmoothing = {Literals.Double(recipe.Loss.LabelSmoothing)};";
        }

        yield return $"public const {LossesAlias}.SmoothingConvention SmoothingConvention = {LossesAlias}.SmoothingConvention.{recipe.Loss.Convention};";
    }
}
