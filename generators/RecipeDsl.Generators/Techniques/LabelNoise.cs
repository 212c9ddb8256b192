using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Label noise (<c>data.label_noise</c>): a seeded share of the training labels replaced by another class when the
/// data is loaded, to study smoothing on noisy labels. The runtime's loader does the replacing; the trainer only
/// describes it.
/// </summary>
internal sealed class LabelNoise : Technique
{
    private readonly double _share;

    private LabelNoise(double share) => _share = share;

    public static Technique? From(Recipe recipe) => recipe.Data.LabelNoise > 0 ? new LabelNoise(recipe.Data.LabelNoise) : null;

    public override SummaryPlace SummaryPlace => SummaryPlace.Data;

    public override string Summary(Recipe recipe) => $"{Literals.Number(_share * 100)} % label noise";

    public override IEnumerable<string> DataSettings() => [$"public const double LabelNoise = {Literals.Double(_share)};"];

    /// <summary>The noise is seeded with the recipe's seed, so every run corrupts the same labels.</summary>
    public override IEnumerable<string> DataDescription() => ["LabelNoise = LabelNoise,", "NoiseSeed = Seed,"];
}
