using System.Collections.Immutable;

namespace RecipeDsl.Analyzers;

/// <summary>The diagnostic properties that the code fixes read, and the tag of the descriptors that have one.</summary>
public static class FixProperties
{
    /// <summary>The text that replaces the diagnostic's span to fix it.</summary>
    public const string Replacement = nameof(Replacement);

    /// <summary>The title the code fix is offered under, such as "Set focal_gamma to 2".</summary>
    public const string Title = nameof(Title);

    /// <summary>The custom tag of a descriptor whose diagnostics may carry a fix.</summary>
    public const string FixableTag = "RecipeDsl.Fixable";

    /// <summary>The properties of a diagnostic fixed by putting <paramref name="replacement"/> at its span.</summary>
    public static ImmutableDictionary<string, string?> For(string replacement, string title) =>
        ImmutableDictionary<string, string?>.Empty.Add(Replacement, replacement).Add(Title, title);
}
