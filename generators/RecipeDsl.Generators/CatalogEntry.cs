using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Generators;

/// <summary>What the recipe catalog needs of one recipe.</summary>
/// <param name="Teacher">The teacher recipe of a student, or null.</param>
/// <param name="ResolvedYaml">The recipe with every default resolved, for run reports.</param>
/// <param name="HasData">Whether the recipe's settings describe classification data (every task but sequence).</param>
/// <param name="PredictsTokens">Whether the recipe predicts next tokens (its metrics count tokens).</param>
/// <param name="HasText">Whether the recipe's settings describe text (<c>data.format: text</c>).</param>
internal readonly record struct CatalogEntry(
    string Name, string FileName, string Summary, string ResolvedYaml, string? Teacher, bool HasSweep, bool HasData, bool PredictsTokens, bool HasText)
{
    public static CatalogEntry Of(Recipe recipe) =>
        new(recipe.Name, recipe.FileName, RecipeSummary.Describe(recipe), RecipeYamlWriter.Write(recipe), recipe.Distillation?.Teacher, recipe.Sweep is not null,
            !recipe.Task.PredictsNextToken(), recipe.Task.PredictsNextToken(), recipe.Data.Text is not null);
}
