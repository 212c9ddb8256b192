using System.Text.RegularExpressions;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

/// <summary>Generated source with every statement the line wrapper broke joined again, for tests that look for a statement.</summary>
public static class GeneratedText
{
    public static string Flat(string source)
    {
        var joined = Regex.Replace(source, @"([(\[])\s*\n\s*", "$1");
        // An initializer opened at the end of a line ("new[] {"); a block's brace always has a line of its own.
        joined = Regex.Replace(joined, @"(?<=\S) \{[ \t]*\n\s*", " { ");
        return Regex.Replace(joined, @"(?<=[^\s;{}/])[ \t]*\n[ \t]*(?=[^\s/}])", " ");
    }
}
