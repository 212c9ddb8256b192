using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>The outcome of parsing one recipe file: the recipe when it has no problems, and the problems.</summary>
public sealed record RecipeParseResult(string FileName, Recipe? Recipe, EquatableArray<RecipeProblem> Problems)
{
    /// <summary>Where the recipe writes each key, beside the recipe (not part of it, nor of this result's equality).</summary>
    public RecipeLocations Locations { get; init; } = RecipeLocations.None;

    /// <summary>
    /// The full paths of the recipe's bases (<c>extends</c>), nearest first, as far as they could be read; empty when it
    /// extends none. Beside the recipe, like <see cref="Locations"/>: for the analyzer's checks across files.
    /// </summary>
    public EquatableArray<string> BasePaths { get; init; }

    public bool Equals(RecipeParseResult? other) =>
        other is not null && FileName == other.FileName && Equals(Recipe, other.Recipe) && Problems.Equals(other.Problems);

    public override int GetHashCode() => (FileName, Recipe, Problems).GetHashCode();
}
