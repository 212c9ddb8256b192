using RecipeDsl.Host;
using RecipeDsl.Recipes;

// The host every RecipeDsl program gets from the package, over this repository's sample recipes (recipes/).
return RecipeDslApp.Run(args, RecipeCatalog.All, "recipedsl");
