using System;
using System.Diagnostics;
using System.IO;
using RecipeDsl.Compiler.Tests.Infrastructure;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// A fresh project in a temp folder that references the generator and analyzer the way the CLI does, built with a real
/// <c>dotnet build</c>.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    /// <summary>Tests that build consumers run one at a time: parallel builds of the same referenced projects could collide.</summary>
    public const string Collection = "dotnet build of consumer projects";

    /// <summary>A consumer whose project file is <paramref name="projectFile"/> (for package references).</summary>
    public ConsumerProject(string program, string projectFile)
    {
        File.WriteAllText(Path.Combine(Directory, "Consumer.csproj"), projectFile);
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), program);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "recipes"));
    }

    private ConsumerProject()
    {
    }

    /// <summary>An empty folder, for a project that something else creates (<c>dotnet new</c>).</summary>
    public static ConsumerProject InEmptyFolder() => new();

    /// <summary>A consumer that references the repository's runtime, generator and analyzer projects.</summary>
    public ConsumerProject(string program)
        : this(program, ProjectReferences())
    {
    }

    private static string ProjectReferences()
    {
        string Project(string relative) => Path.Combine(RepositoryPaths.Root, relative);
        return $"""
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
            """;
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("recipedsl-consumer-").FullName;

    public void Write(string relativePath, string text) => File.WriteAllText(Prepared(relativePath), text);

    public void WriteBytes(string relativePath, byte[] bytes) => File.WriteAllBytes(Prepared(relativePath), bytes);

    /// <summary>The full path of <paramref name="relativePath"/>, its folders created.</summary>
    private string Prepared(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public (int ExitCode, string Output) Build() => Dotnet($"build -c {Configuration} -nodeReuse:false -p:UseSharedCompilation=false");

    /// <summary>The configuration these tests were built in, so that builds reuse the repository's outputs.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>
    /// Runs <c>dotnet</c> in the project folder (or a folder inside it). No build servers: one left running would hold the
    /// output pipes open.
    /// </summary>
    public (int ExitCode, string Output) Dotnet(string arguments, string? subfolder = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = subfolder is null ? Directory : Path.Combine(Directory, subfolder),
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

    /// <summary>
    /// Removes a test version of a package from the global packages folder, where it would otherwise stay forever.
    /// </summary>
    public static void ForgetPackage(string id, string version)
    {
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), id.ToLowerInvariant(), version);
        if (System.IO.Directory.Exists(cached))
        {
            System.IO.Directory.Delete(cached, recursive: true);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
