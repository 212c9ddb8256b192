using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>The generator never throws: bad recipes yield no trainer, and the analyzer reports why.</summary>
public sealed class GeneratorRobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("data: [unclosed")]
    [InlineData("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 1.5\n")]
    [InlineData("- a list\n- at the top\n")]
    [InlineData("data: &anchor\n  dataset: mnist\nmodel: *anchor\n")]
    [InlineData("\t\tdata:\n")]
    public void A_malformed_recipe_yields_no_trainer_and_no_generator_error(string yaml)
    {
        var (output, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText("/p/bad.recipe.yaml", yaml) });

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Two_recipes_with_one_name_get_no_code_and_do_not_crash_the_generator()
    {
        var recipe = "name: Same\ndata:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";
        var (output, result) = GeneratorRunner.Run(new[]
        {
            new InMemoryAdditionalText("/p/one.recipe.yaml", recipe),
            new InMemoryAdditionalText("/p/two.recipe.yaml", recipe),
        });

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Files_that_are_not_recipes_are_ignored()
    {
        var (_, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText("/p/config.yaml", "data: {") });

        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
    }

    private const string Body = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    [Theory]
    [InlineData("/p/catalog.recipe.yaml", "name: RecipeCatalog\n" + Body, 1, 7, "'name' is invalid: 'RecipeCatalog' is the generated class that lists every recipe")]
    [InlineData("/p/catalog.recipe.yaml", "name: recipecatalog\n" + Body, 1, 7, "'name' is invalid: 'recipecatalog' is the generated class")]
    [InlineData("/p/recipe-catalog.recipe.yaml", Body, 1, 1, "'name' is invalid: 'RecipeCatalog', derived from the file name, is the generated class")]
    public void A_recipe_named_like_the_catalog_gets_an_error_at_its_name_and_no_code(string path, string yaml, int line, int column, string message)
    {
        var (output, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText(path, yaml) });
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText(path, yaml)));

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal("RD0011", diagnostic.Id);
        Assert.Equal((line - 1, column - 1), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.StartsWith(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_duplicates_since_their_generated_files_would_clash()
    {
        var recipes = new[]
        {
            new InMemoryAdditionalText("/p/one.recipe.yaml", "name: Digits\n" + Body),
            new InMemoryAdditionalText("/p/two.recipe.yaml", "name: digits\n" + Body),
        };

        var (output, result) = GeneratorRunner.Run(recipes);
        var diagnostics = AnalyzerRunner.Run(recipes);

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(new[] { "RD0010", "RD0010" }, diagnostics.Select(d => d.Id));
        Assert.Contains("two.recipe.yaml", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("paragraph\u2029separator")]
    [InlineData("line\u2028separator")]
    [InlineData("next\u0085line")]
    [InlineData("bell\u0007 and escape\u001b")]
    [InlineData("right-to-left\u202e override and zero\u200bwidth")]
    [InlineData("emoji \U0001F600 and a lone \ud800 surrogate")]
    [InlineData("private\ue000use and noncharacter\uffff")]
    [InlineData("quotes \" and backslash \\ and tab\t")]
    public void Any_character_of_a_description_or_file_name_compiles_and_keeps_its_value(string text)
    {
        // A double-quoted YAML scalar with escapes carries the text exactly; the file name gets it raw.
        var yaml = "description: " + YamlText.DoubleQuoted(text) + "\nname: Odd\n" + Body;
        var (output, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText("/p/" + text.Replace('/', '_') + ".recipe.yaml", yaml) });

        Assert.Null(result.Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var settings = output.GetTypeByMetadataName("RecipeDsl.Recipes.OddRecipe")!;
        Assert.Equal(text, settings.GetMembers("Description").OfType<IFieldSymbol>().Single().ConstantValue);
        Assert.Equal(text.Replace('/', '_') + ".recipe.yaml", settings.GetMembers("FileName").OfType<IFieldSymbol>().Single().ConstantValue);
    }

    [Theory]
    [InlineData("\u2029")]
    [InlineData("\u2028")]
    [InlineData("\u0085")]
    [InlineData("\u0007")]
    [InlineData("\ud800")]
    public void A_raw_odd_character_in_a_description_gives_code_that_compiles_or_an_error(string character)
    {
        var yaml = $"name: Odd\ndescription: before{character}after\n" + Body;
        var (output, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText("/p/odd.recipe.yaml", yaml) });
        var diagnostics = AnalyzerRunner.Run(new InMemoryAdditionalText("/p/odd.recipe.yaml", yaml));

        Assert.Null(result.Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(
            result.GeneratedSources.Length == 2 ^ diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
            $"code: {result.GeneratedSources.Length - 1} trainer(s); errors: {string.Join(", ", diagnostics.Select(d => d.Id))}");
    }
}
