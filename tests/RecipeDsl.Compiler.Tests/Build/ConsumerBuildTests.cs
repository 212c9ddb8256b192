using System;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// A real <c>dotnet build</c> of a fresh project that references the generator and analyzer the way the CLI does:
/// they load (no CS8784/CS8785), the generated trainer is usable from user code, RD1001 is printed at the YAML line,
/// and its severity follows a .globalconfig.
/// </summary>
[Collection(ConsumerProject.Collection)]
public sealed class ConsumerBuildTests : IDisposable
{
    private const string TeacherRecipe = """
        # yaml-language-server: $schema=../recipe.schema.json
        data:
          dataset: mnist
        model:
          architecture: mlp
          role: teacher
        loss:
          label_smoothing: 0.1
        """;

    private readonly ConsumerProject _project = new("""
        using RecipeDsl.Recipes;

        // The generated types are ordinary C#: the trainer, its model type and the recipe's constants.
        RecipeDsl.Training.IRecipeTrainer trainer = new TeacherTrainer();
        System.Console.WriteLine($"{trainer.RecipeName} {TeacherRecipe.LabelSmoothing} {typeof(TeacherModel).Name} {RecipeCatalog.All.Count}");
        """);

    public ConsumerBuildTests() => _project.Write("recipes/teacher.recipe.yaml", TeacherRecipe);

    [Fact]
    public void The_build_prints_RD1001_at_the_yaml_line_and_succeeds()
    {
        var (exitCode, output) = _project.Build();

        Assert.True(exitCode == 0, output);
        Assert.Contains("recipes/teacher.recipe.yaml(8,20): warning RD1001: Label smoothing ε = 0.1 on recipe 'Teacher'", output);
        Assert.DoesNotContain("CS8784", output);
        Assert.DoesNotContain("CS8785", output);
        Assert.DoesNotContain("AD0001", output);
    }

    [Fact]
    public void A_globalconfig_sets_the_severity_of_RD1001()
    {
        _project.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.RD1001.severity = error\n");

        var (exitCode, output) = _project.Build();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("recipes/teacher.recipe.yaml(8,20): error RD1001", output);
    }

    public void Dispose() => _project.Dispose();
}
