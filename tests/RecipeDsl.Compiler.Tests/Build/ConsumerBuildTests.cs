using System;
using System.Diagnostics;
using System.IO;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// A real <c>dotnet build</c> of a fresh project that references the generator and analyzer the way the CLI does:
/// they load (no CS8784/CS8785), the generated trainer is usable from user code, RD1001 is printed at the YAML line,
/// and its severity follows a .globalconfig.
/// </summary>
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

    private readonly string _directory = Directory.CreateTempSubdirectory("recipedsl-consumer-").FullName;

    public ConsumerBuildTests()
    {
        string Project(string relative) => Path.Combine(RepositoryPaths.Root, relative);
        File.WriteAllText(Path.Combine(_directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <AdditionalFiles Include="recipes/*.recipe.yaml" />
                <ProjectReference Include="{Project("src/RecipeDsl.Runtime/RecipeDsl.Runtime.csproj")}" />
                <ProjectReference Include="{Project("generators/RecipeDsl.Generators/RecipeDsl.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{Project("analyzers/RecipeDsl.Analyzers/RecipeDsl.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Program.cs"), """
            using RecipeDsl.Recipes;

            // The generated types are ordinary C#: the trainer, its model type and the recipe's constants.
            RecipeDsl.Training.IRecipeTrainer trainer = new TeacherTrainer();
            System.Console.WriteLine($"{trainer.RecipeName} {TeacherRecipe.LabelSmoothing} {typeof(TeacherModel).Name} {RecipeCatalog.All.Count}");
            """);
        Directory.CreateDirectory(Path.Combine(_directory, "recipes"));
        File.WriteAllText(Path.Combine(_directory, "recipes", "teacher.recipe.yaml"), TeacherRecipe);
    }

    [Fact]
    public void The_build_prints_RD1001_at_the_yaml_line_and_succeeds()
    {
        var (exitCode, output) = Build();

        Assert.True(exitCode == 0, output);
        Assert.Contains("recipes/teacher.recipe.yaml(8,20): warning RD1001: Label smoothing ε = 0.1 on recipe 'Teacher'", output);
        Assert.DoesNotContain("CS8784", output);
        Assert.DoesNotContain("CS8785", output);
        Assert.DoesNotContain("AD0001", output);
    }

    [Fact]
    public void A_globalconfig_sets_the_severity_of_RD1001()
    {
        File.WriteAllText(Path.Combine(_directory, ".globalconfig"), "is_global = true\ndotnet_diagnostic.RD1001.severity = error\n");

        var (exitCode, output) = Build();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("recipes/teacher.recipe.yaml(8,20): error RD1001", output);
    }

    private (int ExitCode, string Output) Build()
    {
        var configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif
        // No build servers: a server left running would hold this test's output pipes open.
        var start = new ProcessStartInfo("dotnet", $"build -c {configuration} -nodeReuse:false -p:UseSharedCompilation=false")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
