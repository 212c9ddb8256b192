using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

/// <summary>The <c>data</c> section: named datasets, the user's files in a format, and every check made before a file is opened.</summary>
public sealed class RecipeParserDataTests
{
    private const string Model = "model:\n  architecture: mlp\n";

    private const string Csv = "data:\n  format: csv\n  path: tables/iris.csv\n  input_shape: [4]\n  classes: 3\n";

    private static Recipe Valid(string yaml, string path = "/home/me/project/recipes/test.recipe.yaml")
    {
        var result = RecipeParser.Parse(path, yaml);
        Assert.Empty(result.Problems);
        return result.Recipe!;
    }

    private static RecipeProblem SingleProblem(string yaml)
    {
        var result = RecipeParser.Parse("/home/me/project/recipes/test.recipe.yaml", yaml);
        Assert.Null(result.Recipe);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Fashion_mnist_knows_its_shape_classes_names_statistics_and_debian_folder()
    {
        var data = Valid("data:\n  dataset: fashion_mnist\n" + Model).Data;

        Assert.Equal(DataSource.FashionMnist, data.Source);
        Assert.Equal("/usr/share/datasets/fashion-mnist", data.Path);
        Assert.Equal(new[] { 1, 28, 28 }, data.InputShape);
        Assert.Equal(10, data.Classes);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
        Assert.Equal(NormalizationKind.Fixed, data.Normalization.Kind);
        Assert.Null(data.TestSplit);
    }

    [Fact]
    public void A_relative_path_resolves_against_the_recipe_folder_and_an_absolute_one_stays()
    {
        Assert.Equal("/home/me/project/recipes/tables/iris.csv", Valid(Csv + Model).Data.Path);
        Assert.Equal("/data/iris.csv", Valid(Csv.Replace("tables/iris.csv", "/data/iris.csv") + Model).Data.Path);
    }

    [Fact]
    public void A_recipe_read_from_a_relative_path_keeps_its_data_path_as_written_and_round_trips()
    {
        var recipe = Valid(Csv + Model, path: "recipes/test.recipe.yaml");

        Assert.Equal("tables/iris.csv", recipe.Data.Path);
        Assert.Equal(recipe.Data, Valid(RecipeDsl.Language.Writing.RecipeYamlWriter.Write(recipe), path: "recipes/test.recipe.yaml").Data);
    }

    [Fact]
    public void A_conv_output_too_wide_for_a_dense_layer_is_refused()
    {
        var problem = SingleProblem("data:\n  format: image_folder\n  path: x\n  input_shape: [1, 4096, 4096]\n  classes: 2\nmodel:\n  architecture: cnn\n  channels: [64]\n");

        Assert.Equal("model.channels", problem.Arguments[0]);
        Assert.Contains("flattens to 268,435,456 values", problem.Arguments[1]);
    }

    [Fact]
    public void A_csv_recipe_reads_every_data_key()
    {
        var data = Valid(Csv + "  label_column: species\n  class_names: [setosa, versicolor, virginica]\n  test_split: 0.25\n  normalize: none\n" + Model).Data;

        Assert.Equal(DataSource.Csv, data.Source);
        Assert.Equal(new[] { 4 }, data.InputShape);
        Assert.Equal(3, data.Classes);
        Assert.Equal("species", data.LabelColumn);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(0.25, data.TestSplit);
        Assert.Equal(NormalizationKind.None, data.Normalization.Kind);
    }

    [Fact]
    public void A_format_defaults_to_dataset_statistics_and_csv_to_a_label_column()
    {
        var data = Valid(Csv + Model).Data;

        Assert.Equal(NormalizationKind.Dataset, data.Normalization.Kind);
        Assert.Equal("label", data.LabelColumn);
        Assert.Empty(data.ClassNames);
    }

    [Fact]
    public void Fixed_statistics_give_one_mean_and_std_per_channel()
    {
        var data = Valid("data:\n  format: image_folder\n  path: pets\n  input_shape: [3, 32, 32]\n  classes: 2\n  normalize:\n    mean: [0.5, 0.4, 0.3]\n    std: [0.2, 0.2, 0.2]\n" + Model).Data;

        Assert.Equal(new[] { 0.5, 0.4, 0.3 }, data.Normalization.Mean);

        var problem = SingleProblem("data:\n  format: image_folder\n  path: pets\n  input_shape: [3, 32, 32]\n  classes: 2\n  normalize:\n    mean: [0.5]\n    std: [0.2]\n" + Model);
        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Contains("for 3 channel(s)", problem.Arguments[1]);
    }

    [Theory]
    [InlineData("path", "data.path")]
    [InlineData("input_shape", "data.input_shape")]
    [InlineData("classes", "data.classes")]
    public void A_format_needs_path_input_shape_and_classes(string missing, string path)
    {
        var yaml = string.Join("\n", Csv.Split('\n').Where(line => !line.TrimStart().StartsWith(missing + ":", System.StringComparison.Ordinal)));
        var problem = SingleProblem(yaml + Model);

        Assert.Equal(ProblemIds.MissingKey, problem.Id);
        Assert.Equal(path, problem.Arguments[0]);
        Assert.Equal(0, problem.Span.StartLine); // at the data key
    }

    [Fact]
    public void Dataset_and_format_together_are_refused_at_format()
    {
        var problem = SingleProblem("data:\n  dataset: mnist\n  format: csv\n" + Model);

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal("data.format", problem.Arguments[0]);
        Assert.Equal(2, problem.Span.StartLine);
    }

    [Fact]
    public void Neither_dataset_nor_format_names_both_choices()
    {
        var problem = SingleProblem("data:\n  batch_size: 32\n" + Model);

        Assert.Equal(ProblemIds.MissingKey, problem.Id);
        Assert.Contains("fashion_mnist", problem.Arguments[1]);
        Assert.Contains("image_folder", problem.Arguments[1]);
    }

    [Theory]
    [InlineData("  input_shape: [3, 28, 28]\n", "data.input_shape")]
    [InlineData("  classes: 12\n", "data.classes")]
    [InlineData("  class_names: [a, b, c, d, e, f, g, h, i, j]\n", "data.class_names")]
    public void A_named_datasets_facts_cannot_be_contradicted(string line, string key)
    {
        var problem = SingleProblem("data:\n  dataset: fashion_mnist\n" + line + Model);

        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Equal(key, problem.Arguments[0]);
        Assert.Equal(2, problem.Span.StartLine);
    }

    [Fact]
    public void A_named_datasets_facts_may_be_repeated()
    {
        Valid("data:\n  dataset: fashion_mnist\n  input_shape: [1, 28, 28]\n  classes: 10\n" + Model);
    }

    [Theory]
    [InlineData("  path: digits\n", "data.path")]
    [InlineData("  test_split: 0.3\n", "data.test_split")]
    public void The_embedded_digits_take_no_path_and_keep_their_test_split(string line, string key)
    {
        var problem = SingleProblem("data:\n  dataset: mnist\n" + line + Model);

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal(key, problem.Arguments[0]);
    }

    [Fact]
    public void Idx_brings_its_own_test_split()
    {
        var problem = SingleProblem("data:\n  format: idx\n  path: kmnist\n  input_shape: [1, 28, 28]\n  classes: 10\n  test_split: 0.2\n" + Model);

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal("data.test_split", problem.Arguments[0]);
    }

    [Theory]
    [InlineData("idx", "[3, 28, 28]", "one channel")]
    [InlineData("image_folder", "[2, 28, 28]", "grayscale (C = 1) or RGB (C = 3)")]
    [InlineData("image_folder", "[784]", "[C, H, W]")]
    [InlineData("csv", "[1, 28, 28]", "[F]")]
    [InlineData("safetensors", "[28, 28]", "[C, H, W]")]
    public void Each_format_takes_the_shapes_it_can_hold(string format, string shape, string expected)
    {
        var problem = SingleProblem($"data:\n  format: {format}\n  path: x\n  input_shape: {shape}\n  classes: 10\n" + Model);

        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Equal("data.input_shape", problem.Arguments[0]);
        Assert.Contains(expected, problem.Arguments[1]);
        Assert.Equal(3, problem.Span.StartLine);
    }

    [Fact]
    public void A_cnn_needs_images()
    {
        var problem = SingleProblem(Csv.Replace("format: csv", "format: safetensors") + "model:\n  architecture: cnn\n");

        Assert.Equal(ProblemIds.InvalidValue, problem.Id);
        Assert.Equal("data.input_shape", problem.Arguments[0]);
        Assert.Contains("use 'mlp'", problem.Arguments[1]);
    }

    [Fact]
    public void A_cnn_on_small_images_may_have_only_as_many_blocks_as_halvings()
    {
        var images = "data:\n  format: image_folder\n  path: icons\n  input_shape: [3, 8, 8]\n  classes: 4\n";
        Valid(images + "model:\n  architecture: cnn\n  channels: [8, 16, 32]\n");

        var problem = SingleProblem(images + "model:\n  architecture: cnn\n  channels: [8, 16, 32, 64]\n");
        Assert.Equal("model.channels", problem.Arguments[0]);
        Assert.Contains("allows at most 3", problem.Arguments[1]);
    }

    [Theory]
    [InlineData(Csv, "augment:\n    horizontal_flip: true\n", "data.augment")]
    [InlineData("data:\n  dataset: mnist\n", "label_column: y\n", "data.label_column")]
    public void Options_of_other_kinds_of_data_are_refused(string data, string line, string key)
    {
        var problem = SingleProblem(data + "  " + line + Model);

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal(key, problem.Arguments[0]);
    }

    [Fact]
    public void Augmentation_reads_crop_and_flip()
    {
        var augment = Valid("data:\n  dataset: fashion_mnist\n  augment:\n    random_crop: 4\n    horizontal_flip: true\n" + Model).Data.Augment;

        Assert.Equal(new AugmentSpec(4, true), augment);
    }

    [Fact]
    public void Class_names_must_name_every_class_once()
    {
        Assert.Contains("one name per class", SingleProblem(Csv + "  class_names: [a, b]\n" + Model).Arguments[1]);
        Assert.Contains("named twice", SingleProblem(Csv + "  class_names: [a, b, a]\n" + Model).Arguments[1]);
    }

    [Fact]
    public void The_sequence_task_does_not_take_files_yet()
    {
        var problem = SingleProblem("task: sequence\n" + Csv + "model:\n  architecture: gru\n");

        Assert.Equal(ProblemIds.NotApplicable, problem.Id);
        Assert.Equal("data.format", problem.Arguments[0]);
    }

    [Fact]
    public void The_class_count_sizes_per_class_smoothing()
    {
        var recipe = Valid(Csv + Model + "loss:\n  class_smoothing: { 2: 0.2 }\n");

        Assert.Equal(new[] { 0.0, 0.0, 0.2 }, recipe.Loss.ClassSmoothing);
        Assert.Equal(ProblemIds.OutOfRange, SingleProblem(Csv + Model + "loss:\n  class_smoothing: { 3: 0.2 }\n").Id);
    }

    [Fact]
    public void The_resolved_yaml_of_a_data_section_parses_back_to_the_same_recipe()
    {
        var recipe = Valid(Csv + "  label_column: species\n  test_split: 0.25\n" + Model);

        var again = Valid(RecipeDsl.Language.Writing.RecipeYamlWriter.Write(recipe));

        Assert.Equal(recipe.Data, again.Data);
    }
}
