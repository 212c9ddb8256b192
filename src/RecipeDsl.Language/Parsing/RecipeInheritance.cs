using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Language.Parsing;

/// <summary>
/// <c>extends</c>: a recipe's YAML laid over its base's (and the base's over its own, in a chain) before the recipe is
/// read. Mappings merge key by key; anything else — a list, a scalar, a mapping written as a word — replaces what the
/// base wrote. A base's <c>name</c>, <c>description</c> and <c>extends</c> are its own and never inherited. Every
/// node keeps the span of the file it was written in, so a problem with an inherited value points at the base's line.
/// </summary>
internal static class RecipeInheritance
{
    public const string Key = "extends";

    private static readonly HashSet<string> NotInherited = new() { "name", "description", Key };

    /// <summary>
    /// The recipe's tree with its bases merged under it, the base file names (nearest first) and the chain of paths
    /// read (the recipe's first, as far as it got); the tree as it is when it extends nothing; null when a base cannot
    /// be used (a problem then says why, at <c>extends</c>).
    /// </summary>
    public static (YamlNode? Root, EquatableArray<string> Bases, IReadOnlyList<string> Chain) Resolve(string path, YamlNode? root, RecipeFiles project, List<RecipeProblem> problems)
    {
        var layers = new List<YamlMapping>();
        var chain = new List<string> { path };
        var current = root as YamlMapping;
        var currentPath = path;
        SourceSpan? own = null;
        while (current is not null && Entry(current, Key) is { } extends)
        {
            layers.Add(current);
            // A problem further up the chain is reported here too, at this recipe's own 'extends', naming where it is.
            own ??= extends.Value.Span;
            var where = currentPath == path ? "" : $"{RecipeFiles.FileName(currentPath)} extends '{(extends.Value as YamlScalar)?.Value}', and ";
            if (extends.Value is not YamlScalar { IsNull: false } reference)
            {
                problems.Add(currentPath == path
                    ? RecipeProblem.Create(ProblemIds.WrongType, extends.Value.Span, Key, "a recipe file (base.recipe.yaml) or a recipe name", Describe(extends.Value))
                    : RecipeProblem.Create(ProblemIds.UnknownBase, own.Value, Reference(layers[0]), $"{RecipeFiles.FileName(currentPath)} has an 'extends' that names no recipe"));
                return (null, default, chain);
            }

            var candidates = project.Find(currentPath, reference.Value);
            if (candidates.Count != 1)
            {
                problems.Add(RecipeProblem.Create(ProblemIds.UnknownBase, own.Value, Reference(layers[0]), where + (candidates.Count == 0
                    ? "there is no recipe file of the project at that path (relative to the recipe that names it) and no recipe with that name or file stem"
                    : $"several recipes have that name or stem ({string.Join(", ", candidates.Select(file => file.Path))}); write the path instead")));
                return (null, default, chain);
            }

            var found = candidates[0];

            if (chain.Contains(found.Path))
            {
                var cycle = string.Join(" → ", chain.Append(found.Path).Select(RecipeFiles.FileName));
                problems.Add(RecipeProblem.Create(ProblemIds.BaseCycle, own.Value, cycle));
                return (null, default, chain);
            }

            var baseProblems = new List<RecipeProblem>();
            var baseRoot = YamlTreeReader.Read(found.Text, baseProblems);
            if (baseProblems.Count > 0 || baseRoot is not YamlMapping)
            {
                problems.Add(RecipeProblem.Create(ProblemIds.UnknownBase, own.Value, Reference(layers[0]),
                    where + $"{RecipeFiles.FileName(found.Path)} is not a readable recipe (its own diagnostics say why); fix it first"));
                return (null, default, chain);
            }

            chain.Add(found.Path);
            current = (YamlMapping)InFile(baseRoot, found.Path);
            currentPath = found.Path;
        }

        if (layers.Count == 0)
        {
            return (root, default, chain);
        }

        var merged = current!;
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            merged = Merge(merged, layers[i], top: true);
        }

        return (merged, chain.Skip(1).Select(RecipeFiles.FileName).ToEquatableArray(), chain);
    }

    /// <summary>What the recipe's own <c>extends</c> says.</summary>
    private static string Reference(YamlMapping recipe) => (Entry(recipe, Key)?.Value as YamlScalar)?.Value ?? "";

    /// <summary><paramref name="upper"/> laid over <paramref name="lower"/>: the base's order, then the recipe's new keys.</summary>
    private static YamlMapping Merge(YamlMapping lower, YamlMapping upper, bool top)
    {
        var used = new bool[upper.Entries.Count];
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var entry in lower.Entries)
        {
            if (top && NotInherited.Contains(entry.Key.Value))
            {
                continue;
            }

            var over = -1;
            for (var i = 0; i < upper.Entries.Count && over < 0; i++)
            {
                over = !used[i] && upper.Entries[i].Key.Value == entry.Key.Value ? i : -1;
            }

            if (over < 0)
            {
                entries.Add(entry);
                continue;
            }

            used[over] = true;
            var replacement = upper.Entries[over];
            entries.Add(replacement.Value is YamlMapping upperMapping && entry.Value is YamlMapping lowerMapping
                ? new KeyValuePair<YamlScalar, YamlNode>(replacement.Key, Merge(lowerMapping, upperMapping, top: false))
                : replacement);
        }

        // The recipe's own keys the base does not have (a duplicate key stays, for the reader to report).
        entries.AddRange(upper.Entries.Where((_, i) => !used[i]));
        return new YamlMapping(entries, upper.Span);
    }

    private static KeyValuePair<YamlScalar, YamlNode>? Entry(YamlMapping mapping, string key) =>
        mapping.Entries.Where(entry => entry.Key.Value == key).Select(entry => (KeyValuePair<YamlScalar, YamlNode>?)entry).FirstOrDefault();

    /// <summary>The same tree, every span marked as being in <paramref name="file"/>.</summary>
    private static YamlNode InFile(YamlNode node, string file) => node switch
    {
        YamlScalar scalar => new YamlScalar(scalar.Value, scalar.Style, scalar.Span with { File = file }),
        YamlSequence sequence => new YamlSequence(sequence.Items.Select(item => InFile(item, file)).ToList(), sequence.Span with { File = file }),
        YamlMapping mapping => new YamlMapping(
            mapping.Entries.Select(entry => new KeyValuePair<YamlScalar, YamlNode>((YamlScalar)InFile(entry.Key, file), InFile(entry.Value, file))).ToList(),
            mapping.Span with { File = file }),
        _ => node,
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMapping => "a mapping",
        YamlSequence => "a list",
        _ => "nothing",
    };
}
