namespace RecipeDsl.Data.Text;

/// <summary>
/// Everything the runtime needs to load a recipe's text, as the generator resolved it from the recipe: the generated
/// <c>&lt;Name&gt;Recipe.Text</c>.
/// </summary>
/// <param name="Recipe">The recipe's name, for messages.</param>
/// <param name="Path">A UTF-8 file, or a folder whose files matching <paramref name="Files"/> are the documents.</param>
/// <param name="Files">The file-name pattern of a folder's documents (<c>data.files</c>, such as <c>*.txt</c>).</param>
/// <param name="VocabularySize">The generated model's output count; the tokenizer must produce ids below it.</param>
/// <param name="SequenceLength">Tokens a window predicts; each window holds one more, its first input.</param>
public sealed record TextDescription(string Recipe, string Path, string Files, TokenizerKind Tokenizer, int VocabularySize, int SequenceLength)
{
    public double ValidationSplit { get; init; } = 0.1;

    /// <summary>The share of tokens held out for test, at the end of the text.</summary>
    public double TestSplit { get; init; } = DataDescription.DefaultTestSplit;
}
