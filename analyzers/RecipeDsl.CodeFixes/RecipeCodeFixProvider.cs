using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using RecipeDsl.Analyzers;

namespace RecipeDsl.CodeFixes;

/// <summary>
/// Fixes a recipe by replacing the YAML a diagnostic points at with the text the analyzer proposed
/// (<see cref="FixProperties.Replacement"/>, offered under <see cref="FixProperties.Title"/>): a misspelt key or value with
/// the one meant, a teacher's or a student's ε with 0, a second smoothing with 0, ε over a large vocabulary with
/// 0.1, a fine-tuning ε with 0.05, an odd Mixup batch with the next even size, focal γ 0 with 2. Which diagnostics have fixes, and how each is titled, is
/// decided where the diagnostic is (the technique's rules), not here.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RecipeCodeFixProvider),
    DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class RecipeCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => DiagnosticDescriptors.Fixable;

    // Each fix edits one value of one file; there is nothing to batch.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Replacement, out var replacement) || replacement is null
                || !diagnostic.Properties.TryGetValue(FixProperties.Title, out var title) || title is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => Replace(context.TextDocument, diagnostic.Location.SourceSpan, replacement, cancellationToken), title),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> Replace(TextDocument document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var fixedText = text.WithChanges(new TextChange(span, replacement));
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, fixedText);
    }
}
