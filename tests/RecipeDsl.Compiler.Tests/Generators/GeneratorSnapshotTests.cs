using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>
/// The generated source of every sample recipe, compared with a reviewed baseline in Snapshots/. After an intended
/// change, run the tests with RECIPEDSL_UPDATE_SNAPSHOTS=1 to rewrite the baselines, then review their diff.
/// </summary>
public sealed class GeneratorSnapshotTests
{
    public static TheoryData<string> HintNames()
    {
        var (_, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());
        var data = new TheoryData<string>();
        foreach (var source in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            data.Add(source.HintName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_source_matches_its_snapshot(string hintName)
    {
        var (_, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());
        var actual = result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        Snapshot.Match(hintName + ".txt", actual);
    }

    [Fact]
    public void Every_sample_recipe_has_a_trainer_and_every_snapshot_has_a_source()
    {
        var (_, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());
        var hintNames = result.GeneratedSources.Select(s => s.HintName + ".txt").OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var baselines = Directory.GetFiles(RepositoryPaths.Snapshots, "*.txt").Where(path => !path.EndsWith(".received.txt", StringComparison.Ordinal)).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.Equal(CompilationFactory.SampleRecipes().Count() + 1, hintNames.Length); // one file per recipe, plus the catalog
        Assert.Equal(hintNames, baselines);
    }

    /// <summary>
    /// Issue 12: a training step never waits for the device. Values are read once per epoch (EpochTotals.Means, the
    /// validation pass); the progress callback gets the loss tensor and reads it when it wants to.
    /// </summary>
    [Fact]
    public void No_training_step_reads_a_value_back_from_the_device()
    {
        var (_, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());
        foreach (var source in result.GeneratedSources.Where(s => s.HintName != "RecipeCatalog.g.cs"))
        {
            var text = source.SourceText.ToString();
            var start = text.IndexOf("private static void TrainEpoch(", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{source.HintName} has no TrainEpoch");
            var end = text.IndexOf("\n        }\n", start, StringComparison.Ordinal);
            var step = text[start..end];
            foreach (var read in new[] { ".item<", ".data<", ".ToSingle()", ".ToDouble()", ".cpu()", ".tolist()" })
            {
                Assert.False(step.Contains(read, StringComparison.Ordinal), $"{source.HintName}'s training step reads the device: {read}");
            }
        }
    }

    [Fact]
    public void Every_generated_line_fits_a_120_column_page()
    {
        var (_, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());

        var wide = result.GeneratedSources
            .SelectMany(source => source.SourceText.Lines.Select(line => (source.HintName, Line: line.ToString())))
            .Where(line => line.Line.Length > 120)
            .Select(line => $"{line.HintName}: {line.Line}")
            .ToArray();
        Assert.True(wide.Length == 0, string.Join("\n", wide));
    }

    [Fact]
    public void Generated_code_compiles_with_no_warnings()
    {
        var (output, result) = GeneratorRunner.Run(CompilationFactory.SampleRecipes(), CompilationFactory.SampleProjectSources());

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(8)));
    }
}
