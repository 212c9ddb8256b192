using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>The outcome of parsing one recipe file: the recipe when it has no problems, and the problems.</summary>
public sealed record RecipeParseResult(string FileName, Recipe? Recipe, EquatableArray<RecipeProblem> Problems);
