namespace RecipeDsl.Analyzers;

/// <summary>The diagnostic properties that the code fixes read.</summary>
public static class FixProperties
{
    /// <summary>The text that replaces the diagnostic's span to fix it.</summary>
    public const string Replacement = nameof(Replacement);
}
