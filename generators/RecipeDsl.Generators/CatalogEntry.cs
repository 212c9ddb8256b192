namespace RecipeDsl.Generators;

/// <summary>What the recipe catalog needs of one recipe.</summary>
internal readonly record struct CatalogEntry(string Name, string FileName, string Summary);
