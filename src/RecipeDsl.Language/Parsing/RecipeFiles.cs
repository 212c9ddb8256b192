using System;
using System.Collections.Generic;
using System.Linq;

namespace RecipeDsl.Language.Parsing;

/// <summary>One recipe file of a project: its full path and text.</summary>
public readonly record struct RecipeSource(string Path, string Text);

/// <summary>
/// The recipe files of a project, where <c>extends</c> finds a base: a path relative to the extending recipe
/// (<c>base.recipe.yaml</c>, <c>../shared/base.recipe.yaml</c>), or a recipe's file stem or name (<c>mnist-mlp</c>,
/// <c>MnistMlp</c>). Equatable, so the generator's pipeline can cache on it.
/// </summary>
public sealed record RecipeFiles(EquatableArray<RecipeSource> All)
{
    public static readonly RecipeFiles None = new(EquatableArray<RecipeSource>.Empty);

    public static RecipeFiles Of(IEnumerable<RecipeSource> files) =>
        new(files.Where(file => RecipeParser.IsRecipeFile(file.Path)).OrderBy(file => file.Path, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The file <paramref name="reference"/> names, as written in the recipe at <paramref name="fromPath"/>; null if none.</summary>
    internal RecipeSource? Find(string fromPath, string reference)
    {
        if (RecipeParser.IsRecipeFile(reference) || reference.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            var wanted = Normalize(DirectoryOf(fromPath) + "/" + reference);
            return All.Where(file => Normalize(file.Path) == wanted).Select(file => (RecipeSource?)file).FirstOrDefault();
        }

        return All.Where(file => string.Equals(Stem(file.Path), reference, StringComparison.OrdinalIgnoreCase)
                || string.Equals(RecipeParser.NameFromFileName(FileName(file.Path)), reference, StringComparison.OrdinalIgnoreCase))
            .Select(file => (RecipeSource?)file)
            .FirstOrDefault();
    }

    /// <summary>"a/b/../c/./x.recipe.yaml" → "a/c/x.recipe.yaml", with either separator: paths compared as text, no file system.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0 && parts[parts.Count - 1] is not ("" or ".."))
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else
                {
                    parts.Add(part);
                }
            }
            else if (part != "." && (part.Length > 0 || parts.Count == 0))
            {
                parts.Add(part);
            }
        }

        return string.Join("/", parts);
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.Replace('\\', '/').LastIndexOf('/');
        return slash < 0 ? "." : path.Substring(0, slash);
    }

    internal static string FileName(string path) => path.Substring(path.Replace('\\', '/').LastIndexOf('/') + 1);

    private static string Stem(string path)
    {
        var name = FileName(path);
        foreach (var suffix in new[] { RecipeParser.FileSuffix, RecipeParser.AlternateFileSuffix })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }
}
