using System;
using System.Linq;
using System.Text;
using RecipeDsl.Data.Text;
using Xunit;

namespace RecipeDsl.Runtime.Tests.Text;

public sealed class TokenizerTests
{
    private const string Mixed = "Hello, naïve café 🍰\nTabs\tand \"quotes\".";

    [Fact]
    public void Bytes_are_the_utf8_bytes_and_decode_back()
    {
        var tokenizer = new ByteTokenizer();

        var ids = tokenizer.Encode(Mixed);

        Assert.Equal(Encoding.UTF8.GetBytes(Mixed).Select(b => (int)b), ids);
        Assert.Equal(Mixed, tokenizer.Decode(ids));
        Assert.Equal((257, 256), (tokenizer.VocabularySize, tokenizer.EndOfText));
        Assert.Equal("ab" + TextTokenizer.EndOfTextText + "c", tokenizer.Decode(new[] { 97, 98, 256, 99 }));
    }

    [Fact]
    public void Chars_are_the_training_texts_characters_in_code_point_order_and_the_rest_is_unknown()
    {
        var tokenizer = new CharTokenizer(CharTokenizer.Characters("baa🍰"), vocabularySize: 10);

        // 0 end-of-text, 1 unknown, then 'a', 'b', '🍰' (one token for the surrogate pair).
        Assert.Equal(new[] { 2, 3, 4 }, tokenizer.Encode("ab🍰"));
        Assert.Equal(new[] { 3, CharTokenizer.Unknown }, tokenizer.Encode("bz"));
        Assert.Equal("ab🍰", tokenizer.Decode(new[] { 2, 3, 4 }));
        Assert.Equal((10, 3), (tokenizer.VocabularySize, tokenizer.CharacterCount));
    }

    [Fact]
    public void A_chars_vocabulary_too_small_for_the_training_text_says_how_large_it_must_be()
    {
        var error = Assert.Throws<ArgumentException>(() => new CharTokenizer(CharTokenizer.Characters("abcd"), vocabularySize: 5));

        Assert.Contains("4 distinct characters", error.Message);
        Assert.Contains("needs a vocabulary of 6", error.Message);
    }

    [Theory]
    [InlineData(TokenizerKind.Cl100k, new[] { 9906, 1917 }, 100_257)]
    [InlineData(TokenizerKind.O200k, new[] { 13225, 2375 }, 199_999)]
    public void The_bpe_vocabularies_match_tiktoken_and_round_trip(TokenizerKind kind, int[] helloWorld, int endOfText)
    {
        var tokenizer = TextCorpus.Create(kind);

        Assert.Equal(helloWorld, tokenizer.Encode("Hello world"));
        Assert.Equal(Mixed, tokenizer.Decode(tokenizer.Encode(Mixed)));
        Assert.Equal(endOfText, tokenizer.EndOfText);
        // A literal end-of-text in the text is the special token, as tiktoken reads it with specials allowed.
        Assert.Contains(endOfText, tokenizer.Encode("a" + TextTokenizer.EndOfTextText + "b"));
        Assert.Equal(TokenizerVocabulary.Size(kind), tokenizer.VocabularySize);
    }
}
