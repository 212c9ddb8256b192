using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

public sealed class RecipeParserTextTests
{
    private const string Text = "task: sequence\ndata:\n  format: text\n  path: corpus.txt\n";
    private const string Transformer = "model:\n  architecture: transformer\n";

    [Fact]
    public void A_text_recipe_takes_its_vocabulary_from_the_tokenizer_and_its_defaults_from_the_language()
    {
        var recipe = RecipeParser.Parse("/r/t.recipe.yaml", Text + Transformer).Recipe!;

        Assert.Equal(DataSource.Text, recipe.Data.Source);
        Assert.Equal(new TextSpec(TokenizerKind.Bytes, 128, "*.txt", 257), recipe.Data.Text);
        Assert.Equal(257, recipe.Classes);
        Assert.Equal("/r/corpus.txt", recipe.Data.Path);
        Assert.Equal(new TransformerSpec(2, 4, 128, true), recipe.Model.Transformer);
        Assert.Empty(recipe.Data.InputShape);
    }

    [Theory]
    [InlineData("cl100k", 100_277)]
    [InlineData("o200k", 200_019)]
    public void A_bpe_tokenizer_fixes_the_class_count(string tokenizer, int classes)
    {
        var recipe = RecipeParser.Parse("t.recipe.yaml", Text + $"  tokenizer: {tokenizer}\n" + Transformer).Recipe!;

        Assert.Equal(classes, recipe.Classes);
    }

    [Fact]
    public void Chars_take_the_declared_vocabulary_and_a_folder_its_file_pattern()
    {
        var recipe = RecipeParser.Parse("t.recipe.yaml", Text + "  tokenizer: chars\n  vocab_size: 96\n  files: '*.md'\n  sequence_length: 64\n" + Transformer).Recipe!;

        Assert.Equal(new TextSpec(TokenizerKind.Chars, 64, "*.md", 96), recipe.Data.Text);
        Assert.Equal(96, recipe.Classes);
    }

    [Theory]
    [InlineData(Text + "  tokenizer: chars\n" + Transformer, ProblemIds.MissingKey, "data.vocab_size")]
    [InlineData(Text + "  vocab_size: 300\n" + Transformer, ProblemIds.NotApplicable, "data.vocab_size")]
    [InlineData(Text + "  sequence_length: 0\n" + Transformer, ProblemIds.OutOfRange, "data.sequence_length")]
    [InlineData(Text + "  input_shape: [4]\n" + Transformer, ProblemIds.NotApplicable, "data.input_shape")]
    [InlineData(Text + "  classes: 10\n" + Transformer, ProblemIds.NotApplicable, "data.classes")]
    [InlineData(Text + "  files: sub/*.txt\n" + Transformer, ProblemIds.InvalidValue, "data.files")]
    [InlineData(Text + "  tokenizer: words\n" + Transformer, ProblemIds.UnknownValue, "data.tokenizer")]
    [InlineData(Text + Transformer + "  heads: 3\n", ProblemIds.InvalidValue, "model.heads")]
    [InlineData(Text + Transformer + "  d_model: 100\n  heads: 8\n", ProblemIds.InvalidValue, "model.heads")]
    [InlineData(Text + Transformer + "  hidden_sizes: [64]\n", ProblemIds.NotApplicable, "model.hidden_sizes")]
    [InlineData(Text + Transformer + "  dropout: [0.1, 0.1]\n", ProblemIds.InvalidValue, "model.dropout")]
    [InlineData(Text + "model:\n  architecture: gru\n  heads: 2\n", ProblemIds.NotApplicable, "model.heads")]
    [InlineData("data:\n  dataset: mnist\n  tokenizer: bytes\nmodel:\n  architecture: mlp\n", ProblemIds.NotApplicable, "data.tokenizer")]
    [InlineData("data:\n  format: text\n  path: c.txt\n" + Transformer, ProblemIds.NotApplicable, "data.format")]
    [InlineData("data:\n  dataset: mnist\n" + Transformer, ProblemIds.NotApplicable, "model.architecture")]
    [InlineData("task: sequence\ndata:\n  format: text\n" + Transformer, ProblemIds.MissingKey, "data.path")]
    public void Text_and_transformer_keys_are_checked_at_the_key(string yaml, string id, string key)
    {
        var result = RecipeParser.Parse("t.recipe.yaml", yaml);

        Assert.Null(result.Recipe);
        Assert.Contains(result.Problems, problem => problem.Id == id && problem.Arguments[0] == key);
    }

    [Fact]
    public void A_heads_problem_is_located_at_the_heads_value()
    {
        var result = RecipeParser.Parse("t.recipe.yaml", Text + Transformer + "  heads: 3\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((6, 9), (problem.Span.StartLine, problem.Span.StartColumn));
        Assert.Contains("d_model 128 is not a multiple of heads 3", problem.Arguments[1]);
    }

    [Fact]
    public void The_resolved_recipe_writes_every_text_and_transformer_key_and_reads_back_the_same()
    {
        var recipe = RecipeParser.Parse("t.recipe.yaml", Text + "  tokenizer: chars\n  vocab_size: 80\n" + Transformer + "  tie_embeddings: false\n  dropout: 0.2\n").Recipe!;

        var written = RecipeDsl.Language.Writing.RecipeYamlWriter.Write(recipe);
        var reread = RecipeParser.Parse("t.recipe.yaml", written).Recipe!;

        Assert.Contains("tokenizer: chars", written);
        Assert.Contains("tie_embeddings: false", written);
        Assert.Equal(recipe.Data.Text, reread.Data.Text);
        Assert.Equal(recipe.Model.Transformer, reread.Model.Transformer);
        Assert.Equal(recipe.Model.Dropout, reread.Model.Dropout);
    }
}
