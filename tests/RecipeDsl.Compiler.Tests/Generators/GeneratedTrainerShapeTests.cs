using System.Linq;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>The trainer contains only the code its recipe asks for.</summary>
public sealed class GeneratedTrainerShapeTests
{
    private static string Generate(string loss, string model = "model:\n  architecture: mlp\n", string training = "")
    {
        var recipe = new InMemoryAdditionalText("/p/shape.recipe.yaml", "data:\n  dataset: mnist\n" + model + training + loss);
        var (_, result) = GeneratorRunner.Run(new[] { recipe });
        return GeneratedText.Flat(result.GeneratedSources.Single(s => s.HintName == "Shape.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Without_smoothing_there_is_no_smoothing_code()
    {
        var source = Generate("loss:\n  label_smoothing: 0\n");

        Assert.DoesNotContain("smoothing", source, System.StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SmoothedCrossEntropy", source);
        Assert.Contains("functional.cross_entropy(logits, labels);", source);
    }

    [Fact]
    public void Uniform_smoothing_uses_TorchSharps_built_in_label_smoothing()
    {
        var source = Generate("loss:\n  label_smoothing: 0.1\n  smoothing_convention: uniform\n");

        Assert.Contains("functional.cross_entropy(logits, labels, label_smoothing: ShapeRecipe.LabelSmoothing);", source);
        Assert.Contains("public const double LabelSmoothing = 0.1;", source);
        Assert.DoesNotContain("SmoothedCrossEntropy", source);
    }

    [Fact]
    public void Off_target_smoothing_uses_the_runtime_loss()
    {
        var source = Generate("loss:\n  label_smoothing: 0.2\n  smoothing_convention: off_target\n");

        Assert.Contains("SmoothedCrossEntropy.Compute(logits, labels, ShapeRecipe.LabelSmoothing, ShapeRecipe.SmoothingConvention);", source);
        Assert.DoesNotContain("label_smoothing:", source);
    }

    [Fact]
    public void Without_dropout_there_are_no_dropout_layers()
    {
        var source = Generate("", "model:\n  architecture: mlp\n  hidden_sizes: [32, 16]\n");

        Assert.DoesNotContain("Dropout", source);
        Assert.Contains("Linear(784, 32)", source);
        Assert.Contains("Linear(32, 16)", source);
        Assert.Contains("Linear(16, 10)", source);
    }

    [Theory]
    [InlineData("training:\n  optimizer: sgd\n", "Optimizers.SGD(model.parameters(), ShapeRecipe.LearningRate, momentum: ShapeRecipe.Momentum)")]
    [InlineData("training:\n  optimizer: adam\n", "Optimizers.Adam(model.parameters(), lr: ShapeRecipe.LearningRate)")]
    [InlineData("training:\n  optimizer: adamw\n", "Optimizers.AdamW(model.parameters(), lr: ShapeRecipe.LearningRate, weight_decay: ShapeRecipe.WeightDecay)")]
    public void The_optimizer_is_the_librarys_held_scalar_optimizer(string training, string expected)
    {
        Assert.Contains(expected, Generate("", training: training));
    }

    [Fact]
    public void A_cnn_flattens_what_its_conv_blocks_leave()
    {
        var source = Generate("", "model:\n  architecture: cnn\n  channels: [8, 16, 32]\n  hidden_sizes: [64]\n");

        Assert.Contains("Conv2d(1, 8, kernel_size: 3, padding: 1)", source);
        Assert.Contains("Conv2d(16, 32, kernel_size: 3, padding: 1)", source);
        Assert.Contains("Linear(288, 64)", source); // 32 channels × 3 × 3 after three halvings of 28
    }
}
