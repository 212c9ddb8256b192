using System.Collections.Generic;

namespace RecipeDsl.Data.Text;

/// <summary>Text to token ids and back, with one end-of-text id that separates documents.</summary>
public abstract class TextTokenizer
{
    /// <summary>The ids this tokenizer can produce are 0 … VocabularySize − 1: the model's output count.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>The id written between documents, and the input of padded positions (whose labels are ignored).</summary>
    public abstract int EndOfText { get; }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>.</summary>
    public abstract void Encode(string text, List<int> ids);

    /// <summary>The text of <paramref name="ids"/>; end-of-text reads "&lt;|endoftext|&gt;".</summary>
    public abstract string Decode(IEnumerable<int> ids);

    /// <summary>The ids of <paramref name="text"/>.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var ids = new List<int>();
        Encode(text, ids);
        return ids;
    }

    /// <summary>How end-of-text is written when ids are decoded (the GPT-2 spelling).</summary>
    public const string EndOfTextText = "<|endoftext|>";
}
