using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// The practice rules about one technique, in one place: their descriptors and the check that reports them. Listed
/// once in <see cref="PracticeRules.All"/>; the analyzer's supported diagnostics and the fixable IDs follow from it.
/// </summary>
internal abstract class TechniqueRules
{
    private const string Category = "RecipeDsl.Practice";

    public abstract ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    public abstract IEnumerable<Diagnostic> Check(RuleContext context);

    /// <param name="fixable">Whether the rule offers a code fix (<see cref="CodeFix"/>) with its diagnostics.</param>
    protected static DiagnosticDescriptor Rule(string id, DiagnosticSeverity severity, string title, string message, string help, bool fixable = false) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: help,
            customTags: fixable ? new[] { FixProperties.FixableTag } : Array.Empty<string>());
}
