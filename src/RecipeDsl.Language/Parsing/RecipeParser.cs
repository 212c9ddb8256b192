using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// Turns the text of a <c>*.recipe.yaml</c> file into a <see cref="Recipe"/>. Never throws on bad input:
/// every mistake becomes a located <see cref="RecipeProblem"/>, and the recipe is null if there is any.
/// </summary>
public static class RecipeParser
{
    public const string FileSuffix = ".recipe.yaml";
    public const string AlternateFileSuffix = ".recipe.yml";

    /// <summary>Each conv block halves the image; beyond this many even a 65,536-pixel side is gone.</summary>
    public const int MaxConvBlocks = 16;

    public static bool IsRecipeFile(string path) =>
        path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(AlternateFileSuffix, StringComparison.OrdinalIgnoreCase);

    /// <param name="project">The project's recipe files, where <c>extends</c> finds a base; without them a recipe that extends one is a problem.</param>
    public static RecipeParseResult Parse(string path, string text, RecipeFiles? project = null)
    {
        var fileName = Path.GetFileName(path);
        var problems = new List<RecipeProblem>();
        var root = YamlTreeReader.Read(text, problems);
        Recipe? recipe = null;
        var locations = RecipeLocations.None;
        IReadOnlyList<string> chain = new[] { path };
        if (problems.Count == 0)
        {
            var (merged, bases, read) = RecipeInheritance.Resolve(path, root, project ?? RecipeFiles.None, problems);
            chain = read;
            if (problems.Count == 0)
            {
                var parsed = new RecipeReader(problems, Path.GetDirectoryName(path) ?? "").Read(merged, fileName);
                recipe = problems.Count == 0 ? parsed.Recipe with { Bases = bases } : null;
                locations = parsed.Locations;
            }
        }

        return new RecipeParseResult(fileName, recipe, problems.ToEquatableArray())
        {
            Locations = locations,
            BasePaths = chain.Skip(1).ToEquatableArray(),
        };
    }

    /// <summary>"mnist-mlp.recipe.yaml" → "mnist-mlp".</summary>
    public static string StemOf(string fileName)
    {
        foreach (var suffix in new[] { FileSuffix, AlternateFileSuffix })
        {
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return fileName.Substring(0, fileName.Length - suffix.Length);
            }
        }

        return fileName;
    }

    /// <summary>"mnist-mlp.recipe.yaml" → "MnistMlp".</summary>
    public static string NameFromFileName(string fileName)
    {
        var stem = StemOf(fileName);
        var builder = new StringBuilder();
        foreach (var part in stem.Split(new[] { '-', '_', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
        }

        return builder.ToString();
    }
}
