using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Torch;

/// <summary>
/// No code of ours, written or generated, leaves a Scalar for the finalizer (<see cref="BareScalarFinder"/>): that
/// race made seeded runs differ from one test run to the next.
/// </summary>
public sealed class BareScalarTests
{
    [Fact]
    public void The_runtime_library_holds_every_Scalar_it_makes()
    {
        var library = CompilationFactory.RuntimeLibrary();
        Assert.Empty(library.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var found = BareScalarFinder.Find(library);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Generated_trainers_and_the_sample_models_hold_every_Scalar_they_make()
    {
        var smokeRecipes = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "RecipeDsl.Runtime.Tests", "Recipes"), "*.recipe.yaml")
            .Select(path => new InMemoryAdditionalText(path, File.ReadAllText(path)));
        var (output, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes().Concat(smokeRecipes), CompilationFactory.SampleProjectSources());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotEmpty(result.GeneratedSources);

        var found = BareScalarFinder.Find(output);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void The_finder_sees_each_shape_of_bare_Scalar()
    {
        const string source = """
            using static TorchSharp.torch;
            static class Shapes
            {
                static void Bare(Tensor a, Tensor b, TorchSharp.Scalar held)
                {
                    a.mul_(2.0);
                    var sum = a + b;
                    var scaled = a * 0.5;
                    var flipped = 1.0 - a;
                    a.add_(b);
                    var shifted = a + held;
                    a += b;
                    var sum2 = add(a, b);
                }

                static void Held(Tensor a, Tensor b, TorchSharp.Scalar held)
                {
                    a.mul_(held);
                    a.add_(b, alpha: held);
                    var difference = a - b;
                    var product = a * b;
                    var scaled = a * held;
                    a.addcmul_(a, b, value: held);
                }
            }
            """;

        var compilation = CompilationFactory.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var found = BareScalarFinder.Find(compilation);

        Assert.Equal(new[] { 6, 7, 8, 9, 10, 11, 12, 13 }, found.Select(place => int.Parse(place.Split('(', ')')[1])).Distinct().Order());
    }
}
