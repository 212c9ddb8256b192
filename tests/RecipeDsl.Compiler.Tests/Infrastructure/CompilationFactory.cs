extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

/// <summary>Compilations that see what a project referencing RecipeDsl sees: the .NET runtime, TorchSharp and the runtime library.</summary>
internal static class CompilationFactory
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var product = new[] { typeof(TorchSharp.torch).Assembly.Location, typeof(runtime::RecipeDsl.Training.IRecipeTrainer).Assembly.Location, typeof(RecipeDsl.Datasets.MnistDigits).Assembly.Location };
        return platform.Concat(product).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
    });

    public static CSharpCompilation Create(params string[] sources) =>
        Create(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"Source{i}.cs")), References.Value);

    /// <summary>The runtime library compiled from its sources, against what it references itself.</summary>
    public static CSharpCompilation RuntimeLibrary()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "RecipeDsl.Runtime");
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path: path));
        var runtime = typeof(runtime::RecipeDsl.Training.IRecipeTrainer).Assembly;
        var dependencies = runtime.GetReferencedAssemblies().Select(name => System.Reflection.Assembly.Load(name).Location);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Concat(dependencies)
            .Where(path => path != runtime.Location).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return Create(sources, references.ToArray());
    }

    private static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, MetadataReference[] references) =>
        CSharpCompilation.Create(
            "RecipeDsl.Consumer",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, allowUnsafe: true)
                // allowUnsafe: the runtime library's fused CPU Adam pass reads tensors through pointers, as its project allows.
                // As every .NET SDK build does (/nowarn:1701,1702): assembly version unification notes, not code warnings.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    /// <summary>The C# the sample recipes rely on: the CLI project's own model classes (for model.type).</summary>
    public static string[] SampleProjectSources() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "RecipeDsl.Cli", "Models"), "*.cs").OrderBy(path => path, StringComparer.Ordinal)
            .Select(File.ReadAllText).ToArray();

    public static IEnumerable<InMemoryAdditionalText> SampleRecipes() =>
        Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml").OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new InMemoryAdditionalText(path, File.ReadAllText(path)));
}
