using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Fuzzing;

/// <summary>
/// Inputs built to exhaust the compiler or the IDE: each gets a located RD error or normal handling, never a stack
/// overflow (which would kill the compiler server) or an endless parse. Their times are in benchmarks/README.md.
/// </summary>
public sealed class YamlBombTests
{
    private const string Body = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    public static TheoryData<string, string, string> Bombs() => new()
    {
        { "billion laughs", BillionLaughs(), "RD0001" },
        { "5,000 nested flow sequences", "name: Deep\n" + Body + "extra: " + new string('[', 5000) + new string(']', 5000) + "\n", "RD0001" },
        { "5,000 nested flow mappings", "name: Deep\n" + Body + "extra: " + string.Concat(Enumerable.Repeat("{a: ", 5000)) + "1" + new string('}', 5000) + "\n", "RD0001" },
        { "5,000 nested block mappings", "name: Deep\n" + Body + "extra:\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => new string(' ', i) + "k:\n")), "RD0001" },
        { "a 5 MB key (YAML allows 1,024 characters)", "name: Big\n" + Body + new string('k', 5 << 20) + ": 1\n", "RD0001" },
        { "a 1,000-character unknown key", "name: Big\n" + Body + new string('k', 1000) + ": 1\n", "RD0002" },
        { "an unclosed 5 MB quoted scalar", "name: Big\n" + Body + "description: \"" + new string('x', 5 << 20) + "\n", "RD0001" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_bomb_gets_one_located_error_and_no_code(string bomb, string yaml, string id)
    {
        var recipe = new InMemoryAdditionalText("/p/bomb.recipe.yaml", yaml);

        var (output, result) = GeneratorRunner.Run(new[] { recipe });
        var diagnostics = AnalyzerRunner.Run(recipe);

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(error.Id == id, $"{bomb}: {error}");
        Assert.Equal("/p/bomb.recipe.yaml", error.Location.GetLineSpan().Path);
        Assert.True(error.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Length < 1000, "the message quotes the whole bomb");
    }

    [Fact]
    public void A_5_MB_description_is_a_description()
    {
        var description = new string('x', 5 << 20);
        var recipe = new InMemoryAdditionalText("/p/big.recipe.yaml", "name: Big\ndescription: " + description + "\n" + Body);

        var (output, result) = GeneratorRunner.Run(new[] { recipe });

        Assert.Null(result.Exception);
        Assert.DoesNotContain(AnalyzerRunner.Run(recipe), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var settings = output.GetTypeByMetadataName("RecipeDsl.Recipes.BigRecipe")!;
        Assert.Equal(description, settings.GetMembers("Description").OfType<IFieldSymbol>().Single().ConstantValue);
    }

    /// <summary>Nine levels of ten aliases each: 10⁹ "lol"s if anything expanded them.</summary>
    private static string BillionLaughs()
    {
        var yaml = new StringBuilder("name: Laughs\n" + Body + "a0: &a0 lol\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"a{level}: &a{level} [").Append(string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))).Append("]\n");
        }

        return yaml.ToString();
    }
}
