using System.Collections.Generic;
using Microsoft.ML.Tokenizers;

namespace RecipeDsl.Data.Text;

/// <summary>
/// OpenAI's BPE vocabularies through Microsoft.ML.Tokenizers, whose data packages carry the vocabulary files (nothing is
/// downloaded at run time). Special-token text inside the corpus, such as a literal "&lt;|endoftext|&gt;", is encoded as
/// that special token, as tiktoken does when specials are allowed.
/// </summary>
public sealed class TiktokenTextTokenizer : TextTokenizer
{
    private readonly TiktokenTokenizer _tokenizer;

    private TiktokenTextTokenizer(string encoding, int vocabularySize)
    {
        _tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        VocabularySize = vocabularySize;
        EndOfText = _tokenizer.SpecialTokens![EndOfTextText];
    }

    public static TiktokenTextTokenizer Cl100k() => new("cl100k_base", TokenizerVocabulary.Cl100k);

    public static TiktokenTextTokenizer O200k() => new("o200k_base", TokenizerVocabulary.O200k);

    public override int VocabularySize { get; }

    public override int EndOfText { get; }

    public override void Encode(string text, List<int> ids) => ids.AddRange(_tokenizer.EncodeToIds(text));

    public override string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);
}
