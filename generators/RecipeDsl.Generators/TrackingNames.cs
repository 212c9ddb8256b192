namespace RecipeDsl.Generators;

/// <summary>Names of the pipeline steps, so tests can assert which ones ran and which came from the cache.</summary>
public static class TrackingNames
{
    public const string RecipeFiles = nameof(RecipeFiles);
    public const string ProjectFiles = nameof(ProjectFiles);
    public const string Recipes = nameof(Recipes);
    public const string ValidRecipes = nameof(ValidRecipes);
    public const string RecipeLinks = nameof(RecipeLinks);
    public const string ResolvedModelTypes = nameof(ResolvedModelTypes);
    public const string GenerationPlan = nameof(GenerationPlan);
    public const string TrainerSpecs = nameof(TrainerSpecs);
    public const string Catalog = nameof(Catalog);
}
