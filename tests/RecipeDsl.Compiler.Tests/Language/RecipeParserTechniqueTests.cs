using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Techniques;
using RecipeDsl.Language.Writing;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

/// <summary>loss.type, training.schedule, training.grad_clip_norm and training.early_stopping: read, defaulted, refused.</summary>
public sealed class RecipeParserTechniqueTests
{
    private const string Minimal = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    private static Recipe Valid(string yaml)
    {
        var result = RecipeParser.Parse("recipes/test.recipe.yaml", yaml);
        Assert.Empty(result.Problems);
        return result.Recipe!;
    }

    private static RecipeProblem SingleProblem(string yaml)
    {
        var result = RecipeParser.Parse("recipes/test.recipe.yaml", yaml);
        Assert.Null(result.Recipe);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Without_the_new_keys_nothing_changes()
    {
        var recipe = Valid(Minimal);

        Assert.Equal((LossKind.CrossEntropy, 0.0), (recipe.Loss.Kind, recipe.Loss.FocalGamma));
        Assert.Null(recipe.Training.Schedule);
        Assert.Null(recipe.Training.GradClipNorm);
        Assert.Null(recipe.Training.EarlyStopping);
    }

    [Fact]
    public void Every_key_is_read_and_the_resolved_recipe_reads_back_the_same()
    {
        var recipe = Valid(Minimal + "training:\n  epochs: 12\n  schedule:\n    type: step\n    step_size: 4\n    gamma: 0.5\n    warmup_epochs: 0.5\n"
            + "  grad_clip_norm: 1.5\n  early_stopping:\n    metric: ece\n    patience: 2\n    min_delta: 0.001\nloss:\n  type: focal\n  focal_gamma: 3\n");

        Assert.Equal(new ScheduleSpec(ScheduleKind.Step, 0.5, 0, 4, 0.5), recipe.Training.Schedule);
        Assert.Equal(1.5, recipe.Training.GradClipNorm);
        Assert.Equal(new EarlyStoppingSpec(ValidationMetric.Ece, 2, 0.001), recipe.Training.EarlyStopping);
        Assert.Equal((LossKind.Focal, 3.0), (recipe.Loss.Kind, recipe.Loss.FocalGamma));
        var again = Valid(RecipeYamlWriter.Write(recipe));
        Assert.Equal((recipe.Training, recipe.Loss.Kind, recipe.Loss.FocalGamma), (again.Training, again.Loss.Kind, again.Loss.FocalGamma));
    }

    [Fact]
    public void Defaults_follow_pytorch_and_lightning()
    {
        var recipe = Valid(Minimal + "training:\n  epochs: 10\n  optimizer:\n    lr: 0.01\n  schedule: one_cycle\n  early_stopping:\nloss:\n  type: focal\n");

        Assert.Equal(new ScheduleSpec(ScheduleKind.OneCycle, 3, 0.01 / 25 / 1e4, 0, 0), recipe.Training.Schedule);
        Assert.Equal(new EarlyStoppingSpec(ValidationMetric.Nll, 3, 0), recipe.Training.EarlyStopping);
        Assert.Equal(2.0, recipe.Loss.FocalGamma);
        Assert.Equal(new ScheduleSpec(ScheduleKind.Cosine, 0, 0, 0, 0), Valid(Minimal + "training:\n  schedule: cosine\n").Training.Schedule);
    }

    [Theory]
    [InlineData("training:\n  schedule:\n    type: cosine\n    step_size: 3\n", ProblemIds.NotApplicable, "training.schedule.step_size")]
    [InlineData("training:\n  schedule:\n    type: step\n    min_lr: 0.0001\n    step_size: 2\n", ProblemIds.NotApplicable, "training.schedule.min_lr")]
    [InlineData("training:\n  schedule:\n    type: step\n", ProblemIds.MissingKey, "training.schedule.step_size")]
    [InlineData("training:\n  schedule: step\n", ProblemIds.MissingKey, "training.schedule.step_size")]
    [InlineData("training:\n  schedule:\n    warmup_epochs: 1\n", ProblemIds.MissingKey, "training.schedule.type")]
    [InlineData("training:\n  schedule: cosin\n", ProblemIds.UnknownValue, "training.schedule")]
    [InlineData("training:\n  schedule:\n    type: cosine\n    min_lr: 0.001\n", ProblemIds.InvalidValue, "training.schedule.min_lr")]
    [InlineData("training:\n  epochs: 3\n  schedule:\n    type: one_cycle\n    warmup_epochs: 3\n", ProblemIds.InvalidValue, "training.schedule.warmup_epochs")]
    [InlineData("training:\n  grad_clip_norm: 0\n", ProblemIds.OutOfRange, "training.grad_clip_norm")]
    [InlineData("training:\n  early_stopping:\n    patience: 0\n", ProblemIds.OutOfRange, "training.early_stopping.patience")]
    [InlineData("training:\n  early_stopping:\n    metric: loss\n", ProblemIds.UnknownValue, "training.early_stopping.metric")]
    [InlineData("training:\n  early_stopping:\n    patient: 2\n", ProblemIds.UnknownKey, "training.early_stopping.patient")]
    [InlineData("loss:\n  focal_gamma: 2\n", ProblemIds.NotApplicable, "loss.focal_gamma")]
    [InlineData("loss:\n  type: focall\n", ProblemIds.UnknownValue, "loss.type")]
    [InlineData("training:\n  early_stopping:\nsweep:\n  label_smoothing: [0.0, 0.1]\n", ProblemIds.NotApplicable, "training.early_stopping")]
    public void Each_mistake_is_one_located_problem(string yaml, string id, string path)
    {
        var problem = SingleProblem(Minimal + yaml);

        Assert.Equal(id, problem.Id);
        Assert.Equal(path, problem.Arguments[0]);
        Assert.True(problem.Span.StartLine >= 4, $"located at line {problem.Span.StartLine + 1}");
    }

    [Fact]
    public void Focal_loss_is_refused_for_the_sequence_task()
    {
        var problem = SingleProblem("task: sequence\ndata:\n  dataset: arithmetic\nmodel:\n  architecture: gru\nloss:\n  type: focal\n");

        Assert.Equal((ProblemIds.NotApplicable, "loss.type", 6), (problem.Id, problem.Arguments[0], problem.Span.StartLine));
    }
}
