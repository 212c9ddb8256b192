using System;
using System.Collections.Generic;
using System.Linq;

namespace RecipeDsl.Language.Parsing;

/// <summary>"Did you mean" for misspelt keys and values.</summary>
public static class Suggestions
{
    /// <summary>The closest candidate within a typo's distance, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var lowered = word.ToLowerInvariant().Replace('-', '_');
        var allowed = Math.Max(1, Math.Min(3, word.Length / 3));
        var best = candidates
            // Lengths that differ by more than the allowed edits cannot match; this also spares a huge word the table.
            .Where(candidate => Math.Abs(candidate.Length - word.Length) <= allowed)
            .Select(candidate => (candidate, distance: Distance(lowered, candidate.ToLowerInvariant())))
            .OrderBy(pair => pair.distance)
            .FirstOrDefault();
        return best.candidate is not null && best.distance <= allowed ? best.candidate : null;
    }

    /// <summary>Optimal string alignment distance: a swap of two neighbours counts as one edit.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
