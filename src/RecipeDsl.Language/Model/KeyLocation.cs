namespace RecipeDsl.Language.Model;

/// <summary>Where a recipe writes one key and its value, for diagnostics and code fixes to point at.</summary>
/// <param name="Path">The key path, such as <c>loss.label_smoothing</c>.</param>
public readonly record struct KeyLocation(string Path, SourceSpan Key, SourceSpan Value);
