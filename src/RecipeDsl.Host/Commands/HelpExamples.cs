using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Training;

namespace RecipeDsl.Host.Commands;

/// <summary>
/// The examples of <c>--help</c>, written with the program's own recipes: a consumer's help names its recipes, not the
/// repository's samples. A command without a fitting recipe (no student, no sweep) shows none.
/// </summary>
internal sealed class HelpExamples(IReadOnlyList<RecipeEntry> recipes)
{
    /// <summary>The recipe the plain examples use: the first classification recipe, else the first of any kind.</summary>
    public string? Any { get; } = (recipes.FirstOrDefault(entry => entry.Data is not null) ?? recipes.FirstOrDefault())?.FileStem;

    /// <summary>A recipe that other recipes distil from, for <c>--save-model</c>.</summary>
    public string? Teacher { get; } = recipes.FirstOrDefault(entry => entry.Teacher is not null)?.Teacher is { } name
        ? recipes.FirstOrDefault(entry => entry.Name == name)?.FileStem
        : null;

    public string? Student { get; } = recipes.FirstOrDefault(entry => entry.Teacher is not null)?.FileStem;

    public string? Sweep { get; } = recipes.FirstOrDefault(entry => entry.Sweep is not null)?.FileStem;

    /// <summary>Up to three recipes on the data most recipes share: what a comparison is for.</summary>
    public IReadOnlyList<string> Comparable { get; } = recipes
        .Where(entry => entry.Data is not null && entry.Teacher is null)
        .GroupBy(entry => (entry.Data!.Source, entry.Data.Path))
        .OrderByDescending(group => group.Count())
        .FirstOrDefault()?
        .Take(3).Select(entry => entry.FileStem).ToList() ?? [];
}
