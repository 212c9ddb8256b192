namespace RecipeDsl.Data.Text;

/// <summary>
/// How text becomes token ids (<c>data.tokenizer</c>). The vocabulary size is the generated model's output count, so it
/// is known when the recipe is compiled: fixed for every kind but <see cref="Chars"/>, whose recipe declares it.
/// </summary>
public enum TokenizerKind
{
    /// <summary>UTF-8 bytes 0–255 and one end-of-text token (256): any text, no unknown tokens, long sequences.</summary>
    Bytes,

    /// <summary>One token per Unicode character seen in the training text, plus end-of-text (0) and unknown (1).</summary>
    Chars,

    /// <summary>OpenAI's cl100k_base BPE (GPT-3.5/4), 100,277 ids with its special tokens.</summary>
    Cl100k,

    /// <summary>OpenAI's o200k_base BPE (GPT-4o), 200,019 ids with its special tokens.</summary>
    O200k,
}

/// <summary>The vocabulary facts of each tokenizer, shared by the recipe language (class counts) and the runtime.</summary>
public static class TokenizerVocabulary
{
    /// <summary>UTF-8 bytes plus end-of-text.</summary>
    public const int Bytes = 257;

    /// <summary>cl100k_base: 100,256 merged byte sequences and special tokens up to id 100,276.</summary>
    public const int Cl100k = 100_277;

    /// <summary>o200k_base: 199,998 merged byte sequences and special tokens up to id 200,018.</summary>
    public const int O200k = 200_019;

    /// <summary>The ids a chars vocabulary reserves before its characters: end-of-text (0) and unknown (1).</summary>
    public const int CharsReserved = 2;

    /// <summary>The vocabulary size of <paramref name="kind"/>; null for chars, whose recipe declares it.</summary>
    public static int? Size(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Bytes => Bytes,
        TokenizerKind.Cl100k => Cl100k,
        TokenizerKind.O200k => O200k,
        _ => null,
    };
}
