using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RecipeDsl.Generators;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> recipes) =>
        CSharpGeneratorDriver.Create(
            new[] { new RecipeGenerator().AsSourceGenerator() },
            recipes,
            new CSharpParseOptions(LanguageVersion.Latest),
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over the recipes and returns the output compilation and the run's result.</summary>
    public static (Compilation Output, GeneratorRunResult Result) Run(IEnumerable<AdditionalText> recipes, params string[] sources)
    {
        var driver = CreateDriver(recipes).RunGeneratorsAndUpdateCompilation(CompilationFactory.Create(sources), out var output, out _);
        return (output, driver.GetRunResult().Results.Single());
    }
}
