using System.IO;
using System.Linq;
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
        var project = RecipeFiles.Of(Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml").Select(path => new RecipeSource(path, File.ReadAllText(path))));
        var path = Path.Combine(RepositoryPaths.Recipes, fileName);
        var original = RecipeParser.Parse(path, File.ReadAllText(path), project).Recipe!;

        var resolved = RecipeYamlWriter.Write(original);
        var reparsed = RecipeParser.Parse(path, resolved);

        // The resolved YAML stands alone: its bases are written out (and named in its first line only).
        Assert.Empty(reparsed.Problems);
        Assert.Equal(original with { Bases = default }, reparsed.Recipe);
    }

    [Fact]
    public void Descriptions_with_quotes_and_colons_survive()
    {
        var recipe = RecipeParser.Parse("q.recipe.yaml", "description: 'say \"hi\": now'\ndata:\n  dataset: mnist\nmodel:\n  architecture: mlp\n").Recipe!;

        Assert.Equal("say \"hi\": now", RecipeParser.Parse("q.recipe.yaml", RecipeYamlWriter.Write(recipe)).Recipe!.Description);
    }
}
