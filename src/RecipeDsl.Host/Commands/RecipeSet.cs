using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Training;

namespace RecipeDsl.Host.Commands;

/// <summary>
/// The recipes the program was compiled with (its generated <c>RecipeCatalog.All</c>), found by name or file stem;
/// a miss lists the valid names.
/// </summary>
public sealed class RecipeSet(IReadOnlyList<RecipeEntry> all)
{
    public IReadOnlyList<RecipeEntry> All { get; } = all;

    public RecipeEntry Find(string requested) =>
        All.FirstOrDefault(entry =>
            string.Equals(entry.Name, requested, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.FileStem, requested, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"No recipe named '{requested}'. Known recipes: {Names(All)}.");

    public static string Names(IEnumerable<RecipeEntry> entries)
    {
        var names = entries.Select(entry => $"{entry.Name} ({entry.FileStem})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
