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
/// (<see cref="FixProperties.Replacement"/>): a misspelt key or value with the one meant, a teacher's or a student's ε
/// with 0, a second smoothing with 0, a fine-tuning ε with 0.05, an odd Mixup batch with the next even size.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RecipeCodeFixProvider),
    DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class RecipeCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create("RD0002", "RD0005", "RD1001", "RD1002", "RD1003", "RD1004", "RD1005", "RD1009", "RD1014");

    // Each fix edits one value of one file; there is nothing to batch.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Replacement, out var replacement) || replacement is null)
            {
                continue;
            }

            var title = Title(diagnostic.Id, replacement);
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => Replace(context.TextDocument, diagnostic.Location.SourceSpan, replacement, cancellationToken), title),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static string Title(string id, string replacement) => id switch
    {
        "RD0002" => $"Rename the key to '{replacement}'",
        "RD0005" => $"Change the value to '{replacement}'",
        "RD1001" => "Train the teacher without label smoothing",
        "RD1002" => "Train the student's hard-label loss without label smoothing",
        "RD1003" => "Smooth the Mixup targets only once",
        "RD1009" => $"Use an even batch size ({replacement})",
        "RD1014" => $"Set focal_gamma to {replacement}",
        _ => $"Set label smoothing to {replacement}",
    };

    private static async Task<Solution> Replace(TextDocument document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var fixedText = text.WithChanges(new TextChange(span, replacement));
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, fixedText);
    }
}
