using System;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// One recipe per practice rule in a real project: <c>dotnet build</c> prints each diagnostic at its file(line,col).
/// The info-level rules (RD1007–RD1009, which builds do not print) are raised to warnings by a .globalconfig, the
/// standard way to configure them. RD1004 needs 30,000 classes, which no embedded dataset has.
/// </summary>
[Collection(ConsumerProject.Collection)]
public sealed class RuleBuildTests : IDisposable
{
    private const string Mlp = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    private readonly ConsumerProject _project = new("System.Console.WriteLine(RecipeDsl.Recipes.RecipeCatalog.All.Count);\n");

    public RuleBuildTests()
    {
        _project.Write(".globalconfig", "is_global = true\n"
            + "dotnet_diagnostic.RD1007.severity = warning\ndotnet_diagnostic.RD1008.severity = warning\ndotnet_diagnostic.RD1009.severity = warning\n");
        _project.Write("recipes/rd1001.recipe.yaml", Mlp + "  role: teacher\nloss:\n  label_smoothing: 0.1\n");
        _project.Write("recipes/rd1001-named.recipe.yaml", "name: NamedTeacher\n" + Mlp + "loss:\n  label_smoothing: 0.2\n");
        _project.Write("recipes/rd1002.recipe.yaml", Mlp + "distillation:\n  teacher: NamedTeacher\n  temperature: 4\nloss:\n  label_smoothing: 0.1\n");
        _project.Write("recipes/rd1003.recipe.yaml", Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  label_smoothing: 0.1\n# recipedsl: disable RD1007\n");
        _project.Write("recipes/rd1005.recipe.yaml", Mlp + "  pretrained: base.dat\nloss:\n  label_smoothing: 0.1\n");
        _project.Write("recipes/rd1006.recipe.yaml", "data:\n  dataset: mnist\n  labels: noisy\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n");
        _project.Write("recipes/rd1007.recipe.yaml", Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  alpha: 0.2\n");
        _project.Write("recipes/rd1008.recipe.yaml", Mlp + "loss:\n  label_smoothing: 0.1\ncalibration:\n  temperature_scaling: true\n");
        _project.Write("recipes/rd1009.recipe.yaml", "data:\n  dataset: mnist\n  batch_size: 31\nmodel:\n  architecture: mlp\nmixup:\n  alpha: 0.2\n");
        _project.Write("recipes/rd1010.recipe.yaml", Mlp + "loss:\n  label_smoothing: 0.95\n  smoothing_convention: off_target\n");
    }

    [Fact]
    public void Each_rule_is_printed_at_its_yaml_position()
    {
        var (exitCode, output) = _project.Build();

        Assert.True(exitCode == 0, output);
        foreach (var expected in new[]
        {
            "recipes/rd1001.recipe.yaml(7,20): warning RD1001",
            "recipes/rd1001-named.recipe.yaml(7,20): warning RD1001: Label smoothing ε = 0.2 on recipe 'NamedTeacher', a distillation teacher (the teacher of Rd1002)",
            "recipes/rd1002.recipe.yaml(9,20): warning RD1002",
            "recipes/rd1003.recipe.yaml(8,20): warning RD1003",
            "recipes/rd1005.recipe.yaml(7,20): warning RD1005",
            "recipes/rd1006.recipe.yaml(7,20): warning RD1006",
            "recipes/rd1007.recipe.yaml(7,1): warning RD1007",
            "recipes/rd1008.recipe.yaml(8,24): warning RD1008",
            "recipes/rd1009.recipe.yaml(3,15): warning RD1009",
            "recipes/rd1010.recipe.yaml(6,20): warning RD1010",
        })
        {
            Assert.Contains(expected, output);
        }

        // rd1003's comment silences RD1007 for that recipe only.
        Assert.DoesNotContain("recipes/rd1003.recipe.yaml(7,1): warning RD1007", output);
    }

    public void Dispose() => _project.Dispose();
}
