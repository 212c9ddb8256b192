using System.Linq;
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
}
