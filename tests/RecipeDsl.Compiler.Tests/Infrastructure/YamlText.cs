using System.Globalization;
using System.Text;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

internal static class YamlText
{
    /// <summary>A YAML double-quoted scalar that reads back as exactly <paramref name="text"/>: printable ASCII as it is, everything else escaped.</summary>
    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append("\\U").Append(char.ConvertToUtf32(c, text[++i]).ToString("X8", CultureInfo.InvariantCulture));
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append(c); // YAML has no escape for half a pair
            }
            else if (c is '"' or '\\' || c < ' ' || c > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
