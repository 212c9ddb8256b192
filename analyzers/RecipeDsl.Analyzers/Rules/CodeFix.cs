namespace RecipeDsl.Analyzers.Rules;

/// <summary>What a diagnostic's code fix does: put <paramref name="Replacement"/> at its span, offered as <paramref name="Title"/>.</summary>
internal readonly record struct CodeFix(string Replacement, string Title);
