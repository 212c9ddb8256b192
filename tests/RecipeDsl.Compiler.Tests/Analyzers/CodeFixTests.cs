using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RecipeDsl.Analyzers;
using RecipeDsl.CodeFixes;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Analyzers;

/// <summary>
/// Each code fix applied to the YAML additional document in a real workspace, as an IDE applies it: the recipe text
/// changes as expected and the analyzer no longer reports the diagnostic.
/// </summary>
public sealed class CodeFixTests
{
    private const string Mlp = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    [Theory]
    [InlineData("RD0002", Mlp + "loss:\n  label_smothing: 0.1\n", Mlp + "loss:\n  label_smoothing: 0.1\n", "Rename the key to 'label_smoothing'")]
    [InlineData("RD0005", Mlp + "training:\n  optimizer: adamm\n", Mlp + "training:\n  optimizer: adam\n", "Change the value to 'adam'")]
    [InlineData("RD1001", Mlp + "  role: teacher\nloss:\n  label_smoothing: 0.1\n", Mlp + "  role: teacher\nloss:\n  label_smoothing: 0.0\n", "Train the teacher without label smoothing")]
    [InlineData("RD1003", Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  label_smoothing: 0.1\n", Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  label_smoothing: 0.0\n", "Smooth the Mixup targets only once")]
    [InlineData("RD1005", Mlp + "  pretrained: base.dat\nloss:\n  label_smoothing: 0.2\n", Mlp + "  pretrained: base.dat\nloss:\n  label_smoothing: 0.05\n", "Set label smoothing to 0.05")]
    [InlineData("RD1014", Mlp + "loss:\n  type: focal\n  focal_gamma: 0\n", Mlp + "loss:\n  type: focal\n  focal_gamma: 2\n", "Set focal_gamma to 2")]
    [InlineData("RD1015", Mlp + "training:\n  device: cpu\n  precision: tf32\n", Mlp + "training:\n  device: cpu\n  precision: fp32\n", "Set precision to fp32")]
    [InlineData("RD1016", Mlp + "training:\n  device: cpu\n  precision: bf16\n", Mlp + "training:\n  device: cpu\n  precision: fp32\n", "Set precision to fp32")]
    [InlineData("RD1009", "data:\n  dataset: mnist\n  batch_size: 63\nmodel:\n  architecture: mlp\nmixup: {}\n", "data:\n  dataset: mnist\n  batch_size: 64\nmodel:\n  architecture: mlp\nmixup: {}\n", "Use an even batch size (64)")]
    public async Task A_fix_rewrites_the_yaml_and_the_diagnostic_goes_away(string id, string before, string after, string title)
    {
        var (fixedText, actionTitle) = await ApplyFix(before, id, otherRecipe: null);

        Assert.Equal(title, actionTitle);
        Assert.Equal(after, fixedText);
        Assert.DoesNotContain(await Diagnose(fixedText, otherRecipe: null), d => d.Id == id);
    }

    [Fact]
    public void The_fixable_ids_are_those_whose_rules_offer_a_fix()
    {
        Assert.Equal(
            new[] { "RD0002", "RD0005", "RD1001", "RD1002", "RD1003", "RD1004", "RD1005", "RD1009", "RD1014", "RD1015", "RD1016" },
            new RecipeCodeFixProvider().FixableDiagnosticIds.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_student_fix_removes_smoothing_from_the_hard_loss()
    {
        const string teacher = "name: Big\n" + Mlp;
        var (fixedText, title) = await ApplyFix("name: Small\n" + Mlp + "distillation:\n  teacher: Big\nloss:\n  label_smoothing: 0.1\n", "RD1002", teacher);

        Assert.Equal("Train the student's hard-label loss without label smoothing", title);
        Assert.EndsWith("loss:\n  label_smoothing: 0.0\n", fixedText);
        Assert.Empty(await Diagnose(fixedText, teacher));
    }

    private static async Task<(string Text, string Title)> ApplyFix(string yaml, string id, string? otherRecipe)
    {
        var (project, documentId) = Project(yaml, otherRecipe);
        var diagnostic = (await Diagnose(project)).Single(d => d.Id == id && d.Location.GetLineSpan().Path == "/p/recipe.recipe.yaml");
        var document = project.GetAdditionalDocument(documentId)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);

        await new RecipeCodeFixProvider().RegisterCodeFixesAsync(context);

        var action = Assert.Single(actions);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = await solution.GetAdditionalDocument(documentId)!.GetTextAsync();
        return (text.ToString(), action.Title);
    }

    private static Task<ImmutableArray<Diagnostic>> Diagnose(string yaml, string? otherRecipe) => Diagnose(Project(yaml, otherRecipe).Project);

    private static async Task<ImmutableArray<Diagnostic>> Diagnose(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RecipeAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
    }

    private static (Project Project, DocumentId Recipe) Project(string yaml, string? otherRecipe)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var recipeId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "Consumer", "Consumer", LanguageNames.CSharp)
            .AddAdditionalDocument(recipeId, "recipe.recipe.yaml", SourceText.From(yaml), filePath: "/p/recipe.recipe.yaml");
        if (otherRecipe is not null)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), "other.recipe.yaml", SourceText.From(otherRecipe), filePath: "/p/other.recipe.yaml");
        }

        return (solution.GetProject(projectId)!, recipeId);
    }
}
