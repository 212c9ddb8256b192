using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language;
using RecipeDsl.Losses;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

public sealed class RecipeParserTests
{
    private const string Minimal = """
        data:
          dataset: mnist
        model:
          architecture: mlp
        """;

    private static RecipeProblem SingleProblem(string yaml, string path = "recipes/test.recipe.yaml")
    {
        var result = RecipeParser.Parse(path, yaml);
        Assert.Null(result.Recipe);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void A_minimal_recipe_gets_every_default()
    {
        var result = RecipeParser.Parse("/repo/recipes/my-first.recipe.yaml", Minimal);
        var recipe = result.Recipe;

        Assert.NotNull(recipe);
        Assert.Equal("MyFirst", recipe.Name);
        Assert.Null(result.Locations.ValueSpan("name"));
        Assert.Equal("my-first.recipe.yaml", recipe.FileName);
        Assert.Equal(EmbeddedDigits(0.1, 64, 42), recipe.Data);
        Assert.Equal(Architecture.Mlp, recipe.Model.Architecture);
        Assert.Equal(new[] { 256 }, recipe.Model.HiddenSizes);
        Assert.Empty(recipe.Model.Channels);
        Assert.Equal(ModelRole.Standalone, recipe.Model.Role);
        Assert.Equal(new TrainingSpec(3, new OptimizerSpec(OptimizerKind.AdamW, 0.001, 0.01, 0), DevicePreference.Auto), recipe.Training);
        Assert.Equal(new LossSpec(0, SmoothingConvention.Uniform, default, -100), recipe.Loss);
        Assert.Equal(new[] { 0.0 }, recipe.Model.Dropout);
        Assert.Null(recipe.Mixup);
        Assert.Null(recipe.Distillation);
        Assert.Null(recipe.Sweep);
        Assert.Equal(new CalibrationSpec(false, 15), recipe.Calibration);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var parsed = RecipeParser.Parse("x.recipe.yaml", """
            name: Full_Recipe1
            description: everything set
            task: classification
            data: { dataset: mnist, validation_split: 0.2, batch_size: 32, seed: 7 }
            model:
              architecture: cnn
              channels: [8, 16, 32]
              hidden_sizes: [64, 32]
              dropout: 0.3
              role: teacher
            training:
              epochs: 12
              optimizer: { type: sgd, lr: 0.1, weight_decay: 5e-4, momentum: 0.8 }
              device: cuda
              precision: bf16
            loss:
              label_smoothing: 0.15
              smoothing_convention: off_target
            """);
        var recipe = parsed.Recipe;

        Assert.NotNull(recipe);
        Assert.Equal("Full_Recipe1", recipe.Name);
        Assert.Equal("everything set", recipe.Description);
        Assert.Equal(EmbeddedDigits(0.2, 32, 7), recipe.Data);
        Assert.Equal(Architecture.Cnn, recipe.Model.Architecture);
        Assert.Equal(new[] { 8, 16, 32 }, recipe.Model.Channels);
        Assert.Equal(new[] { 64, 32 }, recipe.Model.HiddenSizes);
        Assert.Equal(new[] { 0.3, 0.3 }, recipe.Model.Dropout);
        Assert.Equal(ModelRole.Teacher, recipe.Model.Role);
        Assert.Equal(new TrainingSpec(12, new OptimizerSpec(OptimizerKind.Sgd, 0.1, 5e-4, 0.8), DevicePreference.Cuda) { Precision = TrainingPrecision.Bf16 }, recipe.Training);
        Assert.Equal(0.15, recipe.Loss.LabelSmoothing);
        Assert.Equal(SmoothingConvention.OffTarget, recipe.Loss.Convention);
        Assert.Equal(16, parsed.Locations.ValueSpan("loss.label_smoothing")!.Value.StartLine);
        Assert.Equal(19, parsed.Locations.ValueSpan("loss.label_smoothing")!.Value.StartColumn);
    }

    [Theory]
    [InlineData("1e-3", 0.001)] // YAML 1.1 loaders read this as a string; RecipeDsl reads a number
    [InlineData("1.0e-3", 0.001)]
    [InlineData("0.001", 0.001)]
    [InlineData("2E-4", 0.0002)]
    public void Scientific_notation_is_a_number(string written, double expected)
    {
        var recipe = RecipeParser.Parse("x.recipe.yaml", Minimal + $"\ntraining:\n  optimizer:\n    lr: {written}\n").Recipe;

        Assert.Equal(expected, recipe!.Training.Optimizer.LearningRate);
    }

    [Theory]
    [InlineData("fp32", TrainingPrecision.Fp32)]
    [InlineData("tf32", TrainingPrecision.Tf32)]
    [InlineData("bf16", TrainingPrecision.Bf16)]
    public void Precision_is_read(string written, TrainingPrecision expected)
    {
        var recipe = RecipeParser.Parse("x.recipe.yaml", Minimal + $"\ntraining:\n  precision: {written}\n").Recipe;

        Assert.Equal(expected, recipe!.Training.Precision);
    }

    [Fact]
    public void An_unsupported_precision_is_located_and_names_the_ones_there_are()
    {
        var problem = SingleProblem(Minimal + "\ntraining:\n  precision: fp16\n");

        Assert.Equal(ProblemIds.UnknownValue, problem.Id);
        Assert.Equal((5, 13), (problem.Span.StartLine, problem.Span.StartColumn));
        Assert.Contains("fp32, tf32, bf16", string.Join("", problem.Arguments));
    }

    [Fact]
    public void Optimizer_shorthand_takes_that_optimizers_defaults()
    {
        var recipe = RecipeParser.Parse("x.recipe.yaml", Minimal + "\ntraining:\n  optimizer: sgd\n").Recipe;

        Assert.Equal(new OptimizerSpec(OptimizerKind.Sgd, 0.05, 0, 0.9), recipe!.Training.Optimizer);
    }

    [Fact]
    public void A_misspelt_key_is_located_and_gets_a_suggestion()
    {
        var problem = SingleProblem(Minimal + "\nloss:\n  label_smothing: 0.1\n");

        Assert.Equal(ProblemIds.UnknownKey, problem.Id);
        Assert.Equal((5, 2), (problem.Span.StartLine, problem.Span.StartColumn));
        Assert.Equal(new[] { "loss.label_smothing", " Did you mean 'label_smoothing'?" }, problem.Arguments);
    }

    [Fact]
    public void A_key_in_the_wrong_section_is_pointed_home()
    {
        var problem = SingleProblem(Minimal + "\ntraining:\n  label_smoothing: 0.1\n");

        Assert.Equal(ProblemIds.UnknownKey, problem.Id);
        Assert.Equal(" 'label_smoothing' belongs under 'loss'.", problem.Arguments[1]);
    }

    [Fact]
    public void A_key_like_nothing_known_lists_the_known_keys()
    {
        var problem = SingleProblem(Minimal + "\nwarmup_steps: 100\n");

        Assert.Equal(" Known keys here: name, description, extends, task, data, model, training, loss, mixup, distillation, calibration, sweep.", problem.Arguments[1]);
    }

    [Theory]
    [InlineData("loss:\n  label_smoothing: \"0.1\"", "loss.label_smoothing", "a number", "the quoted string \"0.1\"")]
    [InlineData("loss:\n  label_smoothing: [0.1]", "loss.label_smoothing", "a number", "a list")]
    [InlineData("loss:\n  label_smoothing: high", "loss.label_smoothing", "a number", "'high'")]
    [InlineData("training:\n  epochs: 2.5", "training.epochs", "a whole number", "'2.5'")]
    [InlineData("training:\n  epochs:", "training.epochs", "a whole number", "nothing")]
    [InlineData("model:\n  architecture: mlp\n  hidden_sizes: 256", "model.hidden_sizes", "a non-empty list of whole numbers such as [256, 128]", "'256'")]
    [InlineData("loss: 0.1", "loss", "a mapping of keys", "'0.1'")]
    public void A_value_of_the_wrong_type_is_an_error(string section, string key, string expected, string found)
    {
        var yaml = section.StartsWith("model:", System.StringComparison.Ordinal) ? "data:\n  dataset: mnist\n" + section : Minimal + "\n" + section;
        var problem = SingleProblem(yaml);

        Assert.Equal(ProblemIds.WrongType, problem.Id);
        Assert.Equal(new[] { key, expected, found }, problem.Arguments);
    }

    [Theory]
    [InlineData("loss:\n  label_smoothing: 1.0", "loss.label_smoothing", "1.0", "[0, 1)")]
    [InlineData("loss:\n  label_smoothing: -0.1", "loss.label_smoothing", "-0.1", "[0, 1)")]
    [InlineData("training:\n  optimizer:\n    lr: 0", "training.optimizer.lr", "0", "(0, 10]")]
    [InlineData("training:\n  epochs: 0", "training.epochs", "0", "[1, 10000]")]
    [InlineData("data:\n  dataset: mnist\n  batch_size: 0", "data.batch_size", "0", "[1, 65536]")]
    [InlineData("model:\n  architecture: mlp\n  dropout: 1", "model.dropout", "1", "[0, 1)")]
    public void A_value_out_of_range_is_an_error(string section, string key, string value, string range)
    {
        var yaml = section.StartsWith("data:", System.StringComparison.Ordinal) ? "model:\n  architecture: mlp\n" + section
            : section.StartsWith("model:", System.StringComparison.Ordinal) ? "data:\n  dataset: mnist\n" + section
            : Minimal + "\n" + section;
        var problem = SingleProblem(yaml);

        Assert.Equal(ProblemIds.OutOfRange, problem.Id);
        Assert.Equal(new[] { key, value, range }, problem.Arguments);
    }

    [Fact]
    public void An_unknown_value_gets_a_suggestion()
    {
        var problem = SingleProblem(Minimal + "\ntraining:\n  optimizer:\n    type: adamm\n");

        Assert.Equal(ProblemIds.UnknownValue, problem.Id);
        Assert.Equal(new[] { "training.optimizer.type", "adamm", "sgd, adam, adamw", " Did you mean 'adam'?" }, problem.Arguments);
        Assert.Equal((6, 10), (problem.Span.StartLine, problem.Span.StartColumn));
    }

    [Fact]
    public void A_duplicate_key_names_the_first_line()
    {
        var problem = SingleProblem(Minimal + "\nloss:\n  label_smoothing: 0.1\n  label_smoothing: 0.2\n");

        Assert.Equal(ProblemIds.DuplicateKey, problem.Id);
        Assert.Equal(6, problem.Span.StartLine);
        Assert.Equal(new[] { "loss.label_smoothing", "6" }, problem.Arguments);
    }

    [Fact]
    public void Dataset_and_architecture_are_required()
    {
        var result = RecipeParser.Parse("x.recipe.yaml", "training:\n  epochs: 2\n");

        Assert.Null(result.Recipe);
        Assert.Equal(new[] { "data.dataset", "model.architecture" }, result.Problems.Where(p => p.Id == ProblemIds.MissingKey).Select(p => p.Arguments[0]));
    }

    [Fact]
    public void A_yaml_syntax_error_is_located()
    {
        var problem = SingleProblem("data:\n  dataset: mnist\nmodel:\n  architecture: [mlp\n");

        Assert.Equal(ProblemIds.YamlSyntax, problem.Id);
        Assert.True(problem.Span.StartLine >= 3, $"reported at line {problem.Span.StartLine + 1}");
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        var problem = SingleProblem(Minimal + "\n---\nname: Other\n");

        Assert.Equal(ProblemIds.YamlSyntax, problem.Id);
        Assert.Equal(4, problem.Span.StartLine);
    }

    [Fact]
    public void An_empty_file_asks_for_the_required_keys()
    {
        var result = RecipeParser.Parse("empty.recipe.yaml", "");

        Assert.Equal(new[] { ProblemIds.MissingKey, ProblemIds.MissingKey }, result.Problems.Select(p => p.Id));
    }

    [Theory]
    [InlineData("name: 2fast\n", "2fast", "given by 'name'")]
    [InlineData("name: my-recipe\n", "my-recipe", "given by 'name'")]
    public void A_name_must_be_a_CSharp_identifier(string line, string name, string origin)
    {
        var problem = SingleProblem(line + Minimal);

        Assert.Equal(ProblemIds.InvalidName, problem.Id);
        Assert.Equal(new[] { name, origin }, problem.Arguments);
    }

    [Fact]
    public void An_empty_name_is_an_error()
    {
        var problem = SingleProblem("name:\n" + Minimal);

        Assert.Equal(ProblemIds.WrongType, problem.Id);
        Assert.Equal(new[] { "name", "a C# identifier", "nothing" }, problem.Arguments);
    }

    [Fact]
    public void A_file_name_that_makes_no_identifier_asks_for_a_name_key()
    {
        var problem = SingleProblem(Minimal, "recipes/2024-run.recipe.yaml");

        Assert.Equal(ProblemIds.InvalidName, problem.Id);
        Assert.Equal("2024Run", problem.Arguments[0]);
    }

    [Theory]
    [InlineData("model:\n  architecture: mlp\n  channels: [8]", "model.channels", "it applies only to architecture 'cnn'")]
    public void A_key_for_another_choice_is_an_error(string section, string key, string reason)
    {
        var problem = SingleProblem("data:\n  dataset: mnist\n" + section);

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal(new[] { key, reason }, problem.Arguments);
    }

    [Fact]
    public void Momentum_applies_to_sgd_only()
    {
        var problem = SingleProblem(Minimal + "\ntraining:\n  optimizer:\n    type: adam\n    momentum: 0.9\n");

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal("training.optimizer.momentum", problem.Arguments[0]);
    }

    [Fact]
    public void More_conv_blocks_than_the_image_allows_is_an_error()
    {
        var problem = SingleProblem("data:\n  dataset: mnist\nmodel:\n  architecture: cnn\n  channels: [4, 8, 16, 32, 64]\n");

        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Equal("model.channels", problem.Arguments[0]);
        Assert.Contains("input_shape [1, 28, 28] allows at most 4", problem.Arguments[1]);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var result = RecipeParser.Parse("x.recipe.yaml", Minimal + "\ntraining:\n  epochs: 0\n  optimzer: sgd\nloss:\n  label_smoothing: 2\n");

        Assert.Equal(new[] { ProblemIds.UnknownKey, ProblemIds.OutOfRange, ProblemIds.OutOfRange }, result.Problems.Select(p => p.Id).OrderBy(id => id));
    }

    [Fact]
    public void Parse_results_are_equal_for_equal_text()
    {
        Assert.Equal(RecipeParser.Parse("a/x.recipe.yaml", Minimal), RecipeParser.Parse("a/x.recipe.yaml", Minimal));
    }

    /// <summary>The data section of a recipe on the embedded digits, with the dataset's facts resolved.</summary>
    private static DataSpec EmbeddedDigits(double validationSplit, int batchSize, int seed) =>
        new(DataSource.Mnist, validationSplit, batchSize, seed, 0, LabelQuality.Clean)
        {
            InputShape = EquatableArray.Create(1, 28, 28),
            Classes = 10,
            ClassNames = DatasetFacts.DigitClassNames.ToEquatableArray(),
            Normalization = DatasetFacts.PublishedNormalization(DataSource.Mnist),
        };
}
