using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RecipeDsl.Compiler.Tests.Infrastructure;
using RecipeDsl.Generators;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>The generator's pipeline reuses cached results: C# edits leave recipes alone, and one recipe's edit leaves the others alone.</summary>
public sealed class IncrementalGeneratorTests
{
    private static readonly string[] RecipeSteps = { TrackingNames.RecipeFiles, TrackingNames.ProjectFiles, TrackingNames.Recipes, TrackingNames.ValidRecipes, TrackingNames.RecipeLinks, TrackingNames.ResolvedModelTypes, TrackingNames.GenerationPlan, TrackingNames.TrainerSpecs, TrackingNames.Catalog };

    private static readonly InMemoryAdditionalText RecipeA = new("/p/a.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n");
    private static readonly InMemoryAdditionalText RecipeB = new("/p/b.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: cnn\n");

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_recipe_step_cached()
    {
        var compilation = CompilationFactory.Create("class User { }");
        var driver = GeneratorRunner.CreateDriver(new[] { RecipeA, RecipeB }).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Model-type resolution looks at the new compilation (Unchanged: same answer); nothing is regenerated.
        foreach (var step in RecipeSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();
            Assert.NotEmpty(reasons);
            var expected = step == TrackingNames.ResolvedModelTypes ? IncrementalStepRunReason.Unchanged : IncrementalStepRunReason.Cached;
            Assert.All(reasons, reason => Assert.Equal(expected, reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_recipe_leaves_the_other_cached()
    {
        var compilation = CompilationFactory.Create("class User { }");
        var driver = GeneratorRunner.CreateDriver(new[] { RecipeA, RecipeB }).RunGenerators(compilation);

        var editedA = new InMemoryAdditionalText(RecipeA.Path, RecipeA.GetText().ToString().Replace("0.1", "0.2"));
        var result = driver.ReplaceAdditionalText(RecipeA, editedA).RunGenerators(compilation).GetRunResult().Results.Single();

        var unique = result.TrackedSteps[TrackingNames.TrainerSpecs].ToDictionary(
            run => ((TrainerSpec)run.Outputs.Single().Value).Recipe.FileName,
            run => run.Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, unique["a.recipe.yaml"]);
        Assert.Equal(IncrementalStepRunReason.Cached, unique["b.recipe.yaml"]);
        Assert.Contains(result.TrackedSteps[TrackingNames.RecipeLinks].Single().Outputs.Single().Reason,
            new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        // The catalog summary of A mentions ε, so the catalog is regenerated; B's own source is not.
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.Catalog].Single().Outputs.Single().Reason);
    }

    [Fact]
    public void Moving_lines_without_changing_values_leaves_the_output_unchanged()
    {
        var compilation = CompilationFactory.Create("class User { }");
        var driver = GeneratorRunner.CreateDriver(new[] { RecipeA }).RunGenerators(compilation);

        var reordered = new InMemoryAdditionalText(RecipeA.Path, "# a comment that moves every line\nloss:\n  label_smoothing: 0.1\nmodel:\n  architecture: mlp\ndata:\n  dataset: mnist\n");
        var result = driver.ReplaceAdditionalText(RecipeA, reordered).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.RecipeFiles].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[TrackingNames.Recipes].Single().Outputs.Single().Reason);
    }

    [Fact]
    public void Cached_step_outputs_hold_no_compilation_objects()
    {
        var compilation = CompilationFactory.Create("class User { }");
        var result = GeneratorRunner.CreateDriver(new[] { RecipeA, RecipeB }).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in RecipeSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                AssertHoldsNoCompilationObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    /// <summary>Walks an object graph and fails on anything that would keep a compilation alive (NetEscapades' check).</summary>
    private static void AssertHoldsNoCompilationObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel, $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoCompilationObjects(item, path + "[]", seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilationObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
