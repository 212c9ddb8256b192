using System.IO;
using RecipeDsl.Compiler.Tests.Infrastructure;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Writing;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

public sealed class RecipeYamlWriterTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml"))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_resolved_yaml_of_every_sample_parses_back_to_the_same_recipe(string fileName)
    {
        var original = RecipeParser.Parse(fileName, File.ReadAllText(Path.Combine(RepositoryPaths.Recipes, fileName))).Recipe!;

        var resolved = RecipeYamlWriter.Write(original);
        var reparsed = RecipeParser.Parse(fileName, resolved);

        Assert.Empty(reparsed.Problems);
        Assert.Equal(original, reparsed.Recipe);
    }

    [Fact]
    public void Descriptions_with_quotes_and_colons_survive()
    {
        var recipe = RecipeParser.Parse("q.recipe.yaml", "description: 'say \"hi\": now'\ndata:\n  dataset: mnist\nmodel:\n  architecture: mlp\n").Recipe!;

        Assert.Equal("say \"hi\": now", RecipeParser.Parse("q.recipe.yaml", RecipeYamlWriter.Write(recipe)).Recipe!.Description);
    }
}
