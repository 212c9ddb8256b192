using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RecipeDsl.Analyzers;

/// <summary>
/// The YAML comment that silences practice rules for one recipe: <c># recipedsl: disable RD1007, RD1009</c>,
/// on a line of its own anywhere in the file, optionally followed by why (<c>-- known, on purpose</c>). Only practice rules (RD1xxx) can be silenced: a recipe with a schema
/// error (RD0xxx) gets no code, so silencing it would only hide why.
/// </summary>
internal static class RecipeSuppressions
{
    private static readonly Regex Directive = new(@"^\s*#\s*recipedsl:\s*disable\s+(?<ids>RD1\d{3}(\s*,\s*RD1\d{3})*)\b.*$",
        RegexOptions.CultureInvariant | RegexOptions.Multiline);

    public static HashSet<string> In(string text)
    {
        var ids = new HashSet<string>();
        foreach (Match match in Directive.Matches(text))
        {
            foreach (var id in match.Groups["ids"].Value.Split(','))
            {
                ids.Add(id.Trim());
            }
        }

        return ids;
    }
}
