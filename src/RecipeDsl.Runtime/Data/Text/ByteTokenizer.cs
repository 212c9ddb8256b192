using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RecipeDsl.Data.Text;

/// <summary>
/// UTF-8 bytes as tokens (ids 0–255) and end-of-text as 256: nothing is unknown and nothing needs a vocabulary file.
/// Written by hand: it is one line of <see cref="Encoding.UTF8"/>, and ML.Tokenizers has no byte-level tokenizer.
/// </summary>
public sealed class ByteTokenizer : TextTokenizer
{
    public override int VocabularySize => TokenizerVocabulary.Bytes;

    public override int EndOfText => 256;

    public override void Encode(string text, List<int> ids)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            ids.Add(b);
        }
    }

    /// <summary>Bytes that are not valid UTF-8 on their own (a sequence cut mid-character) decode to U+FFFD.</summary>
    public override string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var bytes = new MemoryStream();
        foreach (var id in ids)
        {
            if (id == EndOfText)
            {
                text.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append(EndOfTextText);
                bytes.SetLength(0);
            }
            else if (id is >= 0 and < 256)
            {
                bytes.WriteByte((byte)id);
            }
            else
            {
                // An id no byte has (such as the ignore index) decodes as the replacement character.
                text.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append('\uFFFD');
                bytes.SetLength(0);
            }
        }

        return text.Append(Encoding.UTF8.GetString(bytes.ToArray())).ToString();
    }
}
