using System.Linq;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Losses;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

/// <summary><c>extends</c>: a recipe laid over its base, and every problem at the file and line that wrote the value.</summary>
public sealed class RecipeInheritanceTests
{
    private const string Base = """
        description: the base
        data:
          dataset: mnist
          batch_size: 32
          seed: 7
        model:
          architecture: mlp
          hidden_sizes: [64, 32]
          dropout: 0.2
        training:
          epochs: 4
          optimizer:
            type: sgd
            lr: 0.1
        loss:
          label_smoothing: 0.1
        """;

    private static RecipeParseResult Parse(string path, string text, params (string Path, string Text)[] others) =>
        RecipeParser.Parse(path, text, RecipeFiles.Of(others.Append((Path: path, Text: text)).Select(file => new RecipeSource(file.Path, file.Text))));

    [Fact]
    public void Mappings_merge_lists_and_values_replace_and_name_and_description_stay_the_bases()
    {
        var result = Parse("/p/recipes/child.recipe.yaml",
            "extends: base.recipe.yaml\nmodel:\n  hidden_sizes: [128]\ntraining:\n  optimizer:\n    lr: 0.05\nloss:\n  smoothing_convention: off_target\n",
            ("/p/recipes/base.recipe.yaml", Base));

        var recipe = Assert.IsType<RecipeDsl.Language.Model.Recipe>(result.Recipe);
        Assert.Equal("Child", recipe.Name);
        Assert.Null(recipe.Description);
        Assert.Equal(new[] { 128 }, recipe.Model.HiddenSizes);
        Assert.Equal(new[] { 0.2 }, recipe.Model.Dropout);
        Assert.Equal((RecipeDsl.Language.Model.OptimizerKind.Sgd, 0.05), (recipe.Training.Optimizer.Kind, recipe.Training.Optimizer.LearningRate));
        Assert.Equal((4, 32, 7), (recipe.Training.Epochs, recipe.Data.BatchSize, recipe.Data.Seed));
        Assert.Equal((0.1, SmoothingConvention.OffTarget), (recipe.Loss.LabelSmoothing, recipe.Loss.Convention));
        Assert.Equal(new[] { "base.recipe.yaml" }, recipe.Bases);
        // Where each key was written: the recipe's own keys in its file, inherited ones in the base's.
        Assert.Null(result.Locations.ValueSpan("model.hidden_sizes")!.Value.File);
        Assert.Equal(("/p/recipes/base.recipe.yaml", 15), (result.Locations.ValueSpan("loss.label_smoothing")!.Value.File, result.Locations.ValueSpan("loss.label_smoothing")!.Value.StartLine));
    }

    [Fact]
    public void A_chain_resolves_nearest_last_and_a_base_is_found_by_name_or_stem()
    {
        var middle = ("/p/recipes/sub/middle.recipe.yaml", "extends: ../base.recipe.yaml\ntraining:\n  epochs: 6\nloss:\n  label_smoothing: 0.0\n");

        var result = Parse("/p/recipes/leaf.recipe.yaml", "extends: Middle\nloss:\n  label_smoothing: 0.05\n", ("/p/recipes/base.recipe.yaml", Base), middle);
        var byStem = Parse("/p/recipes/leaf.recipe.yaml", "extends: middle\n", ("/p/recipes/base.recipe.yaml", Base), middle);

        Assert.Equal((6, 0.05), (result.Recipe!.Training.Epochs, result.Recipe.Loss.LabelSmoothing));
        Assert.Equal(new[] { "middle.recipe.yaml", "base.recipe.yaml" }, result.Recipe.Bases);
        Assert.Equal((6, 0.0), (byStem.Recipe!.Training.Epochs, byStem.Recipe.Loss.LabelSmoothing));
    }

    [Fact]
    public void A_cycle_is_RD0017_at_extends_naming_the_chain()
    {
        var result = Parse("/p/a.recipe.yaml", Base + "\nextends: b.recipe.yaml\n", ("/p/b.recipe.yaml", "extends: a.recipe.yaml\n" + Base.Replace("the base", "b")));

        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Recipe);
        Assert.Equal((ProblemIds.BaseCycle, "a.recipe.yaml → b.recipe.yaml → a.recipe.yaml"), (problem.Id, problem.Arguments[0]));
        Assert.Equal((16, 9), (problem.Span.StartLine, problem.Span.StartColumn));
    }

    [Theory]
    [InlineData("extends: nothere.recipe.yaml\n", "nothere.recipe.yaml", "there is no recipe file of the project at that path")]
    [InlineData("extends: Nothere\n", "Nothere", "no recipe with that name or file stem")]
    [InlineData("extends: broken\n", "broken", "broken.recipe.yaml is not a readable recipe")]
    [InlineData("extends: middle\n", "middle", "middle.recipe.yaml extends 'nothere', and there is no recipe file")]
    public void A_missing_or_unreadable_base_is_RD0016_at_extends(string yaml, string named, string why)
    {
        var result = Parse("/p/x.recipe.yaml", yaml, ("/p/broken.recipe.yaml", "data: [unclosed\n"), ("/p/middle.recipe.yaml", "extends: nothere\n"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemIds.UnknownBase, named, (0, 9)), (problem.Id, problem.Arguments[0], (problem.Span.StartLine, problem.Span.StartColumn)));
        Assert.Contains(why, problem.Arguments[1]);
    }

    [Fact]
    public void An_inherited_value_that_goes_wrong_only_here_is_a_problem_at_the_bases_line()
    {
        var cnnBase = "data:\n  dataset: mnist\nmodel:\n  architecture: cnn\n  channels: [8]\n";

        var result = Parse("/p/mlp.recipe.yaml", "extends: cnn-base\nmodel:\n  architecture: mlp\n", ("/p/cnn-base.recipe.yaml", cnnBase));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal(("/p/cnn-base.recipe.yaml", 4), (problem.Span.File, problem.Span.StartLine));
    }

    [Fact]
    public void A_relative_data_path_written_in_a_base_is_relative_to_the_base()
    {
        var tableBase = "data:\n  format: csv\n  path: data/points.csv\n  input_shape: [2]\n  classes: 2\nmodel:\n  architecture: mlp\n";

        var result = Parse("/p/runs/variant.recipe.yaml", "extends: ../shared/table.recipe.yaml\ntraining:\n  epochs: 2\n", ("/p/shared/table.recipe.yaml", tableBase));

        Assert.Equal(System.IO.Path.Combine("/p/shared", "data/points.csv"), result.Recipe!.Data.Path);
    }

    [Fact]
    public void Without_the_projects_files_extends_finds_nothing()
    {
        var problem = Assert.Single(RecipeParser.Parse("/p/x.recipe.yaml", "extends: base.recipe.yaml\n").Problems);

        Assert.Equal(ProblemIds.UnknownBase, problem.Id);
    }

    [Fact]
    public void A_base_is_found_by_its_name_key_by_a_path_in_another_case_and_an_ambiguous_stem_is_refused()
    {
        var named = ("/p/shared/whatever.recipe.yaml", "name: Baseline\n" + Base);
        var twins = new[] { ("/p/a/base.recipe.yaml", Base), ("/p/b/base.recipe.yaml", Base) };

        var byName = Parse("/p/x.recipe.yaml", "extends: Baseline\n", named);
        var byCase = Parse("/p/shared/x.recipe.yaml", "extends: Whatever.recipe.yaml\n", named);
        var ambiguous = Assert.Single(Parse("/p/x.recipe.yaml", "extends: base\n", twins).Problems);

        Assert.Equal(new[] { "whatever.recipe.yaml" }, byName.Recipe!.Bases);
        Assert.Equal(new[] { "whatever.recipe.yaml" }, byCase.Recipe!.Bases);
        Assert.Equal(ProblemIds.UnknownBase, ambiguous.Id);
        Assert.Contains("several recipes have that name or stem (/p/a/base.recipe.yaml, /p/b/base.recipe.yaml); write the path instead", ambiguous.Arguments[1]);
    }

    [Fact]
    public void A_stem_never_names_the_recipe_itself()
    {
        var result = Parse("/p/x/mnist.recipe.yaml", "extends: mnist\n", ("/p/y/mnist.recipe.yaml", Base));

        Assert.Equal(new[] { "mnist.recipe.yaml" }, result.Recipe!.Bases);
        Assert.Equal("/p/y/mnist.recipe.yaml", Assert.Single(result.BasePaths));
    }
}
