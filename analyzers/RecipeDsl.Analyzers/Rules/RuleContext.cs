using System.Collections.Generic;
using System.Globalization;
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

    /// <summary>A diagnostic at <paramref name="span"/>; <paramref name="replacement"/> is the text a code fix puts there.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, SourceSpan span, string? replacement, params object[] arguments)
    {
        var properties = replacement is null
            ? null
            : System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Replacement, replacement);
        return Diagnostic.Create(descriptor, DiagnosticLocations.Create(Path, span), properties, arguments);
    }

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
