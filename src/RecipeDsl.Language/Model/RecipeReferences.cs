using System;
using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Model;

/// <summary>What is wrong with the references between the valid recipes of one project.</summary>
public static class RecipeReferences
{
    /// <summary>
    /// The problem that keeps <paramref name="recipe"/> from being generated, given every valid recipe of the
    /// project, or null. A teacher must be exactly one valid recipe, and teachers must not form a cycle.
    /// </summary>
    /// <returns>The problem ID and its message arguments.</returns>
    public static (string Id, string[] Arguments)? Problem(RecipeLink recipe, IReadOnlyList<RecipeLink> all)
    {
        // Names that differ only in case clash too: generated file names (Name.g.cs) ignore case.
        if (all.Count(link => SameName(link.Name, recipe.Name)) > 1)
        {
            return (ProblemIds.DuplicateName, new[] { recipe.Name });
        }

        if (recipe.Teacher is not { } teacher)
        {
            return null;
        }

        var chain = new List<string> { recipe.Name };
        for (var current = teacher; current is not null;)
        {
            var matches = all.Where(link => link.Name == current).ToList();
            if (matches.Count == 0)
            {
                var closest = Suggestions.Closest(current, all.Select(link => link.Name).Where(name => name != recipe.Name));
                return current == teacher
                    ? (ProblemIds.UnknownTeacher, new[] { teacher, closest is null ? "" : $" Did you mean '{closest}'?" })
                    : (ProblemIds.UnknownTeacher, new[] { teacher, $" Its own teacher '{current}' is missing." });
            }

            if (chain.Contains(current))
            {
                chain.Add(current);
                return (ProblemIds.TeacherCycle, new[] { string.Join(" → ", chain) });
            }

            if (matches.Count > 1)
            {
                return (ProblemIds.UnknownTeacher, new[] { teacher, $" The name '{current}' belongs to several recipes." });
            }

            if (current == teacher && matches[0].Data != recipe.Data)
            {
                return (ProblemIds.InvalidValue, new[]
                {
                    "distillation.teacher",
                    $"teacher '{teacher}' trains on {matches[0].Data}, and this student on {recipe.Data}; a student learns from a teacher that saw the same inputs",
                });
            }

            chain.Add(current);
            current = matches[0].Teacher;
        }

        return null;
    }

    public static bool CanGenerate(RecipeLink recipe, IReadOnlyList<RecipeLink> all) => Problem(recipe, all) is null;

    /// <summary>Whether two recipe names would clash in one project.</summary>
    public static bool SameName(string first, string second) => string.Equals(first, second, StringComparison.OrdinalIgnoreCase);
}
