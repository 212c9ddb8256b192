using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RecipeDsl.Compiler.Tests.Infrastructure;
using RecipeDsl.Language.Parsing;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Schema;

/// <summary>The README's key reference is checked against the language, like the schema is.</summary>
public sealed class ReadmeKeyTableTests
{
    [Fact]
    public void The_readme_key_table_lists_exactly_the_keys_the_parser_accepts()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Recipe keys", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        var documented = Regex.Matches(section, @"^\| `(?<key>[a-z_.]+)` \|", RegexOptions.Multiline)
            .Select(match => match.Groups["key"].Value)
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToArray();

        // Section keys such as `data` and `mixup` are documented through their members; those that are also a word
        // (`optimizer: sgd`, `normalize: dataset`, `schedule: cosine`) or mean something when empty (`early_stopping:`)
        // have a row of their own too.
        var expected = RecipeKeys.AllPaths
            .Where(path => !RecipeKeys.Sections.ContainsKey(path)
                || path is "training.optimizer" or "data.normalize" or "training.schedule" or "training.early_stopping")
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, documented);
    }
}
