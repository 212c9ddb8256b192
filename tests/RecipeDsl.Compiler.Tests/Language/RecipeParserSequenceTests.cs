using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

public sealed class RecipeParserSequenceTests
{
    private const string Sequence = "task: sequence\ndata:\n  dataset: arithmetic\nmodel:\n  architecture: gru\n";

    [Fact]
    public void A_sequence_recipe_predicts_the_next_token_with_padding_ignored()
    {
        var recipe = RecipeParser.Parse("s.recipe.yaml", Sequence).Recipe!;

        Assert.Equal(TaskKind.Sequence, recipe.Task);
        Assert.True(recipe.Task.PredictsNextToken());
        Assert.False(TaskKind.Classification.PredictsNextToken());
        Assert.Equal(-100, recipe.Loss.IgnoreIndex);
        Assert.Equal(new[] { 128 }, recipe.Model.HiddenSizes);
        Assert.Equal(15, recipe.Classes);
    }

    [Theory]
    [InlineData("task: sequence\ndata:\n  dataset: mnist\nmodel:\n  architecture: gru\n", "data.dataset")]
    [InlineData("task: sequence\ndata:\n  dataset: arithmetic\nmodel:\n  architecture: mlp\n", "model.architecture")]
    [InlineData("data:\n  dataset: arithmetic\nmodel:\n  architecture: mlp\n", "data.dataset")]
    [InlineData("data:\n  dataset: mnist\nmodel:\n  architecture: gru\n", "model.architecture")]
    [InlineData("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  ignore_index: -1\n", "loss.ignore_index")]
    [InlineData(Sequence + "mixup: {}\n", "mixup")]
    [InlineData(Sequence + "distillation:\n  teacher: T\n", "distillation")]
    public void Task_dataset_architecture_and_techniques_must_fit_together(string yaml, string key)
    {
        var result = RecipeParser.Parse("s.recipe.yaml", yaml);

        Assert.Null(result.Recipe);
        Assert.Contains(result.Problems, p => p.Id == ProblemIds.NotApplicable && p.Arguments[0] == key);
    }

    [Theory]
    [InlineData("loss:\n  ignore_index: 3\n", ProblemIds.OutOfRange)] // a real token id
    [InlineData("model:\n  architecture: gru\n  hidden_sizes: [64, 32]\n", ProblemIds.InvalidValue)]
    [InlineData("model:\n  architecture: gru\n  dropout: [0.1]\n", ProblemIds.InvalidValue)]
    public void Sequence_values_are_checked(string section, string id)
    {
        var yaml = section.StartsWith("model:", System.StringComparison.Ordinal)
            ? "task: sequence\ndata:\n  dataset: arithmetic\n" + section
            : Sequence + section;

        Assert.Equal(id, Assert.Single(RecipeParser.Parse("s.recipe.yaml", yaml).Problems).Id);
    }

    [Fact]
    public void The_generators_vocabulary_size_is_the_corpus_vocabulary_size()
    {
        Assert.Equal(RecipeDsl.Datasets.ArithmeticCorpus.VocabularySize, DatasetFacts.Classes(DataSource.Arithmetic));
        Assert.Equal(RecipeDsl.Datasets.MnistDigits.Load().Classes, DatasetFacts.Classes(DataSource.Mnist));
        // A transformer's position embedding is built for the corpus's sequence length.
        Assert.Equal(RecipeDsl.Datasets.ArithmeticCorpus.SequenceLength, DatasetFacts.ArithmeticSequenceLength);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    public void The_analyzers_training_set_size_is_the_runtimes(double validationSplit)
    {
        // RD1007 states a threshold on training examples; the count it uses must be the one the runtime trains on.
        Assert.Equal(RecipeDsl.Datasets.MnistDigits.Split(validationSplit).Train.Length, DatasetFacts.TrainingExamples(validationSplit));
        Assert.Equal(RecipeDsl.Datasets.ArithmeticCorpus.Split(validationSplit).Train.Length, DatasetFacts.TrainingExamples(validationSplit));
    }
}
