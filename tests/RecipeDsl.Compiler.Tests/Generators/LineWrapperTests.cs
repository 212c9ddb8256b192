using System.Linq;
using RecipeDsl.Generators.Emitting;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>How generated lines wider than the page are broken.</summary>
public sealed class LineWrapperTests
{
    [Fact]
    public void A_call_breaks_after_its_parenthesis_with_its_arguments_packed_below()
    {
        var lines = LineWrapper.Wrap("        var x = Namespace.Type.Method(argumentNumberOne, argumentNumberTwo, argumentNumberThree);", 60);

        Assert.Equal(new[]
        {
            "        var x = Namespace.Type.Method(",
            "            argumentNumberOne, argumentNumberTwo,",
            "            argumentNumberThree);",
        }, lines);
    }

    [Fact]
    public void A_string_literal_is_cut_after_an_escaped_newline_or_a_space_never_inside_an_escape()
    {
        var lines = LineWrapper.Wrap("    Text(\"first line\\nsecond line\\nthird \\\"quoted\\\" words here\"),", 40);

        Assert.All(lines, line => Assert.True(line.Length <= 40, line));
        Assert.Equal("    Text(", lines[0]);
        // The parts, quotes and '+' removed, are the literal's text again; every part ends at a newline or a space.
        var parts = lines.Skip(1).Select(line => line.Trim().TrimStart('+').Trim().TrimEnd(',', ')')).ToArray();
        Assert.Equal("first line\\nsecond line\\nthird \\\"quoted\\\" words here", string.Concat(parts.Select(part => part[1..^1])));
        Assert.All(parts.SkipLast(1), part => Assert.True(part.EndsWith("\\n\"") || part.EndsWith(" \""), part));
    }

    [Fact]
    public void An_interpolated_string_is_never_cut_inside_a_hole()
    {
        var lines = LineWrapper.Wrap("        Log($\"{Recipe.Name}: resumed after epoch {firstEpoch - 1} from {checkpoints!.Path} now\");", 50);

        Assert.All(lines, line => Assert.DoesNotMatch(@"\{[^}]*$", line.Replace("{{", "")));
        Assert.All(lines.Skip(1), line => Assert.Contains("$\"", line));
    }

    [Fact]
    public void A_summary_becomes_a_block_and_short_lines_stay_as_they_are()
    {
        Assert.Equal(new[] { "/// <summary>", "/// one two three four", "/// five", "/// </summary>" },
            LineWrapper.Wrap("/// <summary>one two three four five</summary>", 24));
        Assert.Equal(new[] { "short();" }, LineWrapper.Wrap("short();", 120));
    }

    [Fact]
    public void A_literal_without_spaces_is_never_cut_inside_an_escape_or_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("\\ud83d\\udd25\\\"", 12)) + "🔥🔥🔥🔥";
        var lines = LineWrapper.Wrap($"    public const string Description = \"{text}\";", 50);

        var parts = lines.Skip(1).Select(line => line.Trim().TrimStart('+').Trim().TrimEnd(';')).ToArray();
        Assert.Equal(text, string.Concat(parts.Select(part => part[1..^1])));
        Assert.All(parts, part => Assert.Matches(@"^""(\\u[0-9a-f]{4}|\\""|\p{Cs}{2})*""$", part));
    }

    [Fact]
    public void Parentheses_inside_a_string_that_starts_the_line_are_text()
    {
        var lines = LineWrapper.Wrap("    \"# mnist(v2,small).recipe.yaml with every default resolved and more words to wrap\",", 60);

        Assert.All(lines.Skip(1), line => Assert.StartsWith("    + \"", line));
        Assert.StartsWith("    \"# mnist(v2,small).recipe.yaml ", lines[0]);
        Assert.EndsWith(" \"", lines[0]);
    }
}
