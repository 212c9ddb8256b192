using System;
using System.IO;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// <c>dotnet new recipedsl</c> from packed packages: the template package and the RecipeDsl package go into a local
/// folder feed, the template is installed into a private template hive (the machine's own is left alone), and the
/// project it makes builds, reports a practice rule at the recipe's line, trains its sample and compares two recipes.
/// </summary>
[Collection(ConsumerProject.Collection)]
public sealed class ProjectTemplateTests : IDisposable
{
    private readonly string _version = "0.1.0-template" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _feed = Directory.CreateTempSubdirectory("recipedsl-feed-").FullName;
    private readonly string _hive = Directory.CreateTempSubdirectory("recipedsl-hive-").FullName;
    private readonly ConsumerProject _folder = ConsumerProject.InEmptyFolder();

    [Fact]
    public void Dotnet_new_makes_a_project_that_builds_warns_at_the_yaml_line_trains_and_compares()
    {
        foreach (var project in new[] { "src/RecipeDsl.Package/RecipeDsl.Package.csproj", "src/RecipeDsl.Templates/RecipeDsl.Templates.csproj" })
        {
            var (packExit, packOutput) = _folder.Dotnet(
                $"pack \"{Path.Combine(RepositoryPaths.Root, project)}\" -c {ConsumerProject.Configuration} -o \"{_feed}\" -p:PackageVersion={_version} -nodeReuse:false");
            Assert.True(packExit == 0, packOutput);
        }

        var (installExit, installOutput) = _folder.Dotnet($"new install \"{Path.Combine(_feed, $"RecipeDsl.Templates.{_version}.nupkg")}\" --debug:custom-hive \"{_hive}\"");
        Assert.True(installExit == 0, installOutput);
        var (newExit, newOutput) = _folder.Dotnet($"new recipedsl -n MyTraining --debug:custom-hive \"{_hive}\"");
        Assert.True(newExit == 0, newOutput);
        foreach (var file in new[] { "MyTraining.csproj", "Program.cs", "README.md", ".globalconfig", "recipes/digits.recipe.yaml", "recipes/recipe.schema.json" })
        {
            Assert.True(File.Exists(Path.Combine(_folder.Directory, "MyTraining", file)), $"dotnet new made no {file}:\n{newOutput}");
        }

        Assert.StartsWith("# yaml-language-server: $schema=./recipe.schema.json", File.ReadAllText(Path.Combine(_folder.Directory, "MyTraining", "recipes", "digits.recipe.yaml")));
        // The editor completes and checks from the same schema as the repository's recipes.
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Recipes, "recipe.schema.json")), File.ReadAllText(Path.Combine(_folder.Directory, "MyTraining", "recipes", "recipe.schema.json")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_folder.Directory, "MyTraining", "README.md")).Length);
        _folder.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="recipedsl-test-feed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        // The user's edit: a second recipe, a teacher with label smoothing (RD1001 at its line), to compare with.
        _folder.Write("MyTraining/recipes/teacher.recipe.yaml",
            "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  hidden_sizes: [64]\n  role: teacher\nloss:\n  label_smoothing: 0.1\n");

        var (buildExit, buildOutput) = _folder.Dotnet("build MyTraining -nodeReuse:false -p:UseSharedCompilation=false");
        Assert.True(buildExit == 0, buildOutput);
        Assert.Contains("recipes/teacher.recipe.yaml(8,20): warning RD1001", buildOutput);

        var (trainExit, trainOutput) = Run("train digits --epochs 1 --max-train 300 --out runs/digits");
        Assert.True(trainExit == 0, trainOutput);
        Assert.Contains("Digits: 1 epoch(s) on 300 training examples", trainOutput);
        var (compareExit, compareOutput) = Run("compare digits teacher --epochs 1 --max-train 300 --out runs/compare");
        Assert.True(compareExit == 0, compareOutput);
        Assert.Contains("Comparison on the test split", compareOutput);
        foreach (var file in new[] { "report.md", "train-loss.png", "validation-accuracy.png", "Digits.reliability.png", "Teacher.reliability.png" })
        {
            Assert.True(File.Exists(Path.Combine(_folder.Directory, "MyTraining", "runs", "compare", file)), $"runs/compare/{file} is missing:\n{compareOutput}");
        }
    }

    /// <summary><c>dotnet run</c> inside the new project's folder, as its README says.</summary>
    private (int ExitCode, string Output) Run(string arguments) => _folder.Dotnet($"run --no-build -- {arguments}", "MyTraining");

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_feed, recursive: true);
        Directory.Delete(_hive, recursive: true);
        ConsumerProject.ForgetPackage("RecipeDsl", _version);
        ConsumerProject.ForgetPackage("RecipeDsl.Templates", _version);
    }
}
