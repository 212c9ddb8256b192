// The RecipeDsl command line over this project's recipes: dotnet run -- list | train <recipe> | compare <a> <b> | --help
return RecipeDsl.Host.RecipeDslApp.Run(args, RecipeDsl.Recipes.RecipeCatalog.All);
