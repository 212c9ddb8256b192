using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>What a practice rule sees: one valid recipe, the other valid recipes of the project, and the compilation.</summary>
internal sealed class RuleContext
{
    public RuleContext(Recipe recipe, RecipeLocations locations, string path, IReadOnlyList<Recipe> project, Compilation compilation)
    {
        Recipe = recipe;
        Locations = locations;
        Path = path;
        Project = project;
        Compilation = compilation;
    }

    public Recipe Recipe { get; }

    /// <summary>Where <see cref="Recipe"/> writes each key: where a rule reports.</summary>
    public RecipeLocations Locations { get; }

    public string Path { get; }

    /// <summary>Every valid recipe of the project, this one included.</summary>
    public IReadOnlyList<Recipe> Project { get; }

    public Compilation Compilation { get; }

    /// <summary>A diagnostic at <paramref name="span"/>, with the code fix <paramref name="fix"/> offers, if any.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, SourceSpan span, CodeFix? fix, params object[] arguments)
    {
        // A fix on a descriptor not tagged fixable would never reach the code fix provider; the tests run this check.
        System.Diagnostics.Debug.Assert(fix is null || descriptor.CustomTags.Contains(FixProperties.FixableTag), $"{descriptor.Id} offers a fix but is not declared fixable.");

        // No fix at a base's line (extends): it would change every recipe that extends the base, not just this one.
        return Diagnostic.Create(descriptor, DiagnosticLocations.Create(Path, span),
            fix is { } offered && span.File is null ? FixProperties.For(offered.Replacement, offered.Title) : null, arguments);
    }

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
