using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecipeDsl.Data.Text;

/// <summary>
/// One token per Unicode character (a <see cref="Rune"/>, so an emoji is one token) of the training text, in code point
/// order after end-of-text (0) and unknown (1). Characters the training text never shows map to unknown. Written by
/// hand: ML.Tokenizers has no character-level tokenizer, and this one is a dictionary.
/// </summary>
public sealed class CharTokenizer : TextTokenizer
{
    public const int Unknown = 1;

    private readonly Dictionary<int, int> _ids;
    private readonly int[] _characters;

    /// <param name="characters">The distinct characters (code points) of the training text.</param>
    /// <param name="vocabularySize">The recipe's <c>data.vocab_size</c>: at least the characters plus the two reserved ids.</param>
    public CharTokenizer(IEnumerable<int> characters, int vocabularySize)
    {
        _characters = characters.Distinct().OrderBy(c => c).ToArray();
        if (_characters.Length + TokenizerVocabulary.CharsReserved > vocabularySize)
        {
            throw new System.ArgumentException(
                $"the training text has {_characters.Length} distinct characters; with end-of-text and unknown that needs a vocabulary of "
                + $"{_characters.Length + TokenizerVocabulary.CharsReserved}, more than data.vocab_size {vocabularySize}", nameof(vocabularySize));
        }

        _ids = _characters.Select((character, index) => (character, index)).ToDictionary(pair => pair.character, pair => pair.index + TokenizerVocabulary.CharsReserved);
        VocabularySize = vocabularySize;
    }

    /// <summary>The characters of <paramref name="text"/> as code points.</summary>
    public static IEnumerable<int> Characters(string text) => text.EnumerateRunes().Select(rune => rune.Value);

    public override int VocabularySize { get; }

    public override int EndOfText => 0;

    /// <summary>How many characters the vocabulary holds (the rest of <see cref="VocabularySize"/> is unused).</summary>
    public int CharacterCount => _characters.Length;

    public override void Encode(string text, List<int> ids)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            ids.Add(_ids.TryGetValue(rune.Value, out var id) ? id : Unknown);
        }
    }

    public override string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(id switch
            {
                0 => EndOfTextText,
                Unknown => "\uFFFD",
                _ when id >= TokenizerVocabulary.CharsReserved && id - TokenizerVocabulary.CharsReserved < _characters.Length =>
                    char.ConvertFromUtf32(_characters[id - TokenizerVocabulary.CharsReserved]),
                _ => "\uFFFD",
            });
        }

        return text.ToString();
    }
}
