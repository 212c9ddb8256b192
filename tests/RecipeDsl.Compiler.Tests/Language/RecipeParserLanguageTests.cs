using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

/// <summary>The techniques of the full language: Mixup, distillation, calibration, sweeps, per-class smoothing, label noise.</summary>
public sealed class RecipeParserLanguageTests
{
    private const string Minimal = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    private static Recipe Valid(string yaml)
    {
        var result = RecipeParser.Parse("x.recipe.yaml", yaml);
        Assert.Empty(result.Problems);
        return result.Recipe!;
    }

    private static RecipeProblem SingleProblem(string yaml)
    {
        var result = RecipeParser.Parse("x.recipe.yaml", yaml);
        Assert.Null(result.Recipe);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Mixup_defaults_to_the_articles_alpha_and_every_batch()
    {
        Assert.Equal(new MixupSpec(0.2, 1.0), Valid(Minimal + "mixup: {}\n").Mixup);
        Assert.Equal(new MixupSpec(0.4, 0.5), Valid(Minimal + "mixup:\n  alpha: 0.4\n  prob: 0.5\n").Mixup);
    }

    [Fact]
    public void Mixup_alpha_must_be_positive()
    {
        Assert.Equal(ProblemIds.OutOfRange, SingleProblem(Minimal + "mixup:\n  alpha: 0\n").Id);
    }

    [Fact]
    public void Distillation_makes_a_student_with_the_seeds_defaults()
    {
        var recipe = Valid(Minimal + "distillation:\n  teacher: BigNet\n");

        Assert.Equal(ModelRole.Student, recipe.Model.Role);
        Assert.Equal("BigNet", recipe.Distillation!.Teacher);
        Assert.Equal((4.0, 0.7), (recipe.Distillation.Temperature, recipe.Distillation.Alpha));
        var teacher = RecipeParser.Parse("recipes/test.recipe.yaml", Minimal + "distillation:\n  teacher: BigNet\n").Locations.ValueSpan("distillation.teacher")!.Value;
        Assert.Equal((5, 11), (teacher.StartLine, teacher.StartColumn));
    }

    [Theory]
    [InlineData("distillation:\n  temperature: 2\n", ProblemIds.MissingKey)]
    [InlineData("distillation:\n  teacher: my-teacher\n", ProblemIds.InvalidName)]
    [InlineData("distillation:\n  teacher: T\n  alpha: 1.5\n", ProblemIds.OutOfRange)]
    [InlineData("distillation:\n  teacher: T\n  temperature: 0\n", ProblemIds.OutOfRange)]
    public void Distillation_values_are_checked(string section, string id)
    {
        Assert.Equal(id, SingleProblem(Minimal + section).Id);
    }

    [Fact]
    public void A_student_needs_a_teacher_and_a_distilled_recipe_is_not_standalone()
    {
        Assert.Equal(ProblemIds.NotApplicable, SingleProblem("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  role: student\n").Id);
        Assert.Equal(ProblemIds.NotApplicable, SingleProblem("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  role: standalone\ndistillation:\n  teacher: T\n").Id);
        Assert.Equal(ModelRole.Teacher, Valid("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  role: teacher\ndistillation:\n  teacher: T\n").Model.Role);
    }

    [Fact]
    public void Calibration_defaults_to_off_with_15_bins()
    {
        Assert.Equal(new CalibrationSpec(false, 15), Valid(Minimal).Calibration);
        Assert.Equal(new CalibrationSpec(true, 10), Valid(Minimal + "calibration:\n  temperature_scaling: true\n  bins: 10\n").Calibration);
    }

    [Fact]
    public void Temperature_scaling_is_a_boolean()
    {
        var problem = SingleProblem(Minimal + "calibration:\n  temperature_scaling: yes please\n");

        Assert.Equal(ProblemIds.WrongType, problem.Id);
        Assert.Equal("true or false", problem.Arguments[1]);
    }

    [Fact]
    public void A_sweep_takes_its_epochs_from_training_unless_given()
    {
        var recipe = Valid(Minimal + "training:\n  epochs: 7\nsweep:\n  label_smoothing: [0, 0.1]\n");

        Assert.Equal(new[] { 0.0, 0.1 }, recipe.Sweep!.LabelSmoothing);
        Assert.Equal(7, recipe.Sweep.Epochs);
        Assert.Equal(ValidationMetric.Accuracy, recipe.Sweep.Metric);
        Assert.Equal(2, Valid(Minimal + "sweep:\n  label_smoothing: [0.1]\n  epochs: 2\n  metric: ece\n").Sweep!.Epochs);
    }

    [Theory]
    [InlineData("sweep:\n  epochs: 2\n", ProblemIds.MissingKey)]
    [InlineData("sweep:\n  label_smoothing: [0.1, 0.1]\n", ProblemIds.InvalidValue)]
    [InlineData("sweep:\n  label_smoothing: [0.1, 1.0]\n", ProblemIds.OutOfRange)]
    [InlineData("sweep:\n  label_smoothing: 0.1\n", ProblemIds.WrongType)]
    [InlineData("sweep:\n  label_smoothing: [0.1]\n  metric: loss\n", ProblemIds.UnknownValue)]
    public void Sweep_values_are_checked(string section, string id)
    {
        Assert.Equal(id, SingleProblem(Minimal + section).Id);
    }

    [Fact]
    public void A_distillation_student_is_not_swept()
    {
        var problem = SingleProblem(Minimal + "distillation:\n  teacher: Other\nsweep:\n  label_smoothing: [0, 0.1]\n");

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal("sweep", problem.Arguments[0]);
    }

    [Fact]
    public void Class_smoothing_overrides_epsilon_for_the_listed_classes()
    {
        var recipe = Valid(Minimal + "loss:\n  label_smoothing: 0.1\n  class_smoothing:\n    3: 0.3\n    0: 0\n");

        Assert.Equal(new[] { 0.0, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 }, recipe.Loss.ClassSmoothing);
        Assert.True(recipe.Loss.Smooths);
    }

    [Theory]
    [InlineData("    10: 0.1\n", ProblemIds.OutOfRange)]
    [InlineData("    three: 0.1\n", ProblemIds.WrongType)]
    [InlineData("    3: 1.0\n", ProblemIds.OutOfRange)]
    [InlineData("    3: 0.1\n    3: 0.2\n", ProblemIds.DuplicateKey)]
    public void Class_smoothing_entries_are_checked(string entries, string id)
    {
        Assert.Equal(id, SingleProblem(Minimal + "loss:\n  class_smoothing:\n" + entries).Id);
    }

    [Fact]
    public void Label_noise_and_label_quality_are_read()
    {
        var recipe = Valid("data:\n  dataset: mnist\n  label_noise: 0.25\n  labels: noisy\nmodel:\n  architecture: mlp\n");

        Assert.Equal((0.25, LabelQuality.Noisy), (recipe.Data.LabelNoise, recipe.Data.Labels));
    }

    [Fact]
    public void Dropout_may_be_given_per_hidden_layer()
    {
        var recipe = Valid("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  hidden_sizes: [64, 32]\n  dropout: [0.3, 0.1]\n");

        Assert.Equal(new[] { 0.3, 0.1 }, recipe.Model.Dropout);
    }

    [Fact]
    public void Per_layer_dropout_needs_one_probability_per_hidden_layer()
    {
        var problem = SingleProblem("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  hidden_sizes: [64, 32]\n  dropout: [0.3]\n");

        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Equal("model.dropout", problem.Arguments[0]);
    }

    [Fact]
    public void A_model_type_replaces_the_architecture()
    {
        var recipe = Valid("data:\n  dataset: mnist\nmodel:\n  type: My.Models.Net\n  role: teacher\n");

        Assert.Equal(Architecture.Custom, recipe.Model.Architecture);
        Assert.Equal("My.Models.Net", recipe.Model.Type);
        Assert.Equal(ModelRole.Teacher, recipe.Model.Role);
        Assert.Equal("global::My.Models.Net", RecipeLink.Of(recipe).ModelTypeName);
    }

    [Theory]
    [InlineData("model:\n  type: My.Net\n  architecture: mlp\n", ProblemIds.NotApplicable)]
    [InlineData("model:\n  type: My.Net\n  hidden_sizes: [32]\n", ProblemIds.NotApplicable)]
    [InlineData("model:\n  type: My Net\n", ProblemIds.InvalidValue)]
    [InlineData("model:\n  type: My.Net\ncalibration:\n  temperature_scaling: true\n", ProblemIds.NotApplicable)]
    public void Model_type_values_are_checked(string section, string id)
    {
        Assert.Equal(id, SingleProblem("data:\n  dataset: mnist\n" + section).Id);
    }

    [Theory]
    [InlineData("sweep:\n  label_smoothing: [0.0, 0.1]\n", "sweep", 7, 0)]
    [InlineData("mixup:\n  alpha: 0.2\n  label_smoothing: 0.1\n", "mixup.label_smoothing", 9, 2)]
    public void Keys_that_would_be_ignored_beside_class_smoothing_are_refused_at_the_key(string section, string key, int line, int column)
    {
        var problem = SingleProblem(Minimal + "loss:\n  class_smoothing:\n    4: 0.2\n" + section);

        Assert.Equal((ProblemIds.NotApplicable, key), (problem.Id, problem.Arguments[0]));
        Assert.Equal((line, column), (problem.Span.StartLine, problem.Span.StartColumn));
    }
}
