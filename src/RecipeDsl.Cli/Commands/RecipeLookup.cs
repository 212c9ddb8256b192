using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;

namespace RecipeDsl.Cli.Commands;

/// <summary>Finds compiled-in recipes by name or file stem; a miss lists the valid names.</summary>
internal static class RecipeLookup
{
    public static RecipeEntry Find(string requested) =>
        RecipeCatalog.All.FirstOrDefault(entry =>
            string.Equals(entry.Name, requested, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.FileStem, requested, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"No recipe named '{requested}'. Known recipes: {Names(RecipeCatalog.All)}.");

    public static string Names(IEnumerable<RecipeEntry> entries)
    {
        var names = entries.Select(entry => $"{entry.Name} ({entry.FileStem})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
