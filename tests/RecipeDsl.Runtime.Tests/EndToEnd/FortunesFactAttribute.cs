using System.IO;
using RecipeDsl.Recipes;
using Xunit;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>
/// A test on real text from Debian's fortunes package, skipped with the reason shown where it is not installed. CI
/// installs it (.ci/run), so there the test always runs.
/// </summary>
public sealed class FortunesFactAttribute : FactAttribute
{
    public FortunesFactAttribute()
    {
        if (!File.Exists(SmokeFortunesRecipe.DataPath))
        {
            Skip = $"Debian's fortunes are not installed ({SmokeFortunesRecipe.DataPath}): apt-get install fortunes";
        }
    }
}
