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

    /// <summary>
    /// The files <paramref name="reference"/> may name, as written in the recipe at <paramref name="fromPath"/>: one
    /// when it is found, none, or several when a name or stem is ambiguous (the caller says so).
    /// </summary>
    internal IReadOnlyList<RecipeSource> Find(string fromPath, string reference)
    {
        if (RecipeParser.IsRecipeFile(reference) || reference.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            // As the file system would: exactly, else ignoring case (Windows and macOS open Base.recipe.yaml as base.recipe.yaml).
            var wanted = Normalize(DirectoryOf(fromPath) + "/" + reference);
            var exact = All.Where(file => Normalize(file.Path) == wanted).ToList();
            return exact.Count > 0 ? exact : All.Where(file => string.Equals(Normalize(file.Path), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var others = All.Where(file => file.Path != fromPath).ToList();
        var byFile = others.Where(file => string.Equals(RecipeParser.StemOf(FileName(file.Path)), reference, StringComparison.OrdinalIgnoreCase)
            || string.Equals(RecipeParser.NameFromFileName(FileName(file.Path)), reference, StringComparison.OrdinalIgnoreCase)).ToList();
        // A recipe whose 'name' key says otherwise is found by that name too, as distillation.teacher finds it.
        return byFile.Count > 0 ? byFile : others.Where(file => string.Equals(DeclaredName(file.Text), reference, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The top-level <c>name</c> a recipe's text declares, or null.</summary>
    private static string? DeclaredName(string text) =>
        YamlTreeReader.Read(text, new List<Problems.RecipeProblem>()) is YamlMapping root
            ? root.Entries.Where(entry => entry.Key.Value == "name").Select(entry => (entry.Value as YamlScalar)?.Value).FirstOrDefault()
            : null;

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
}
