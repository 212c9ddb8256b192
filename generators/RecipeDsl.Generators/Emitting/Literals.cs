using System.Globalization;
using System.Text;

namespace RecipeDsl.Generators.Emitting;

/// <summary>C# literals written the same on every machine (invariant culture, round-trip doubles).</summary>
internal static class Literals
{
    /// <summary>Doubles as the items of a C# array initializer: "0.1, 0.2".</summary>
    public static string Doubles(System.Collections.Generic.IEnumerable<double> values) => string.Join(", ", System.Linq.Enumerable.Select(values, Double));

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for prose and summaries: "0.1", "1E-05".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A regular string literal: quotes and backslashes escaped, and every character that is not visible text.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: AppendVisible(builder, c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text safe on one line of a <c>//</c> comment: nothing in it can end the line.</summary>
    public static string Comment(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            AppendVisible(builder, c);
        }

        return builder.ToString();
    }

    /// <summary>Text safe inside one line of an XML doc comment.</summary>
    public static string Xml(string value) =>
        Comment(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// Writes <paramref name="c"/> as itself, or as a \uXXXX escape when it is not visible text: control characters,
    /// C#'s other line breaks (U+0085, U+2028, U+2029), format characters, surrogate halves (a pair becomes two escapes,
    /// which C# joins again), private-use and unassigned code points.
    /// </summary>
    private static void AppendVisible(StringBuilder builder, char c)
    {
        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(c);
                break;
        }
    }
}
