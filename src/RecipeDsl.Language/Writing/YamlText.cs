using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RecipeDsl.Language.Writing;

/// <summary>How resolved values are spelled in YAML: numbers that parse back to the same double, lists, quoted strings.</summary>
internal static class YamlText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Number)) + "]";

    /// <summary>A double-quoted YAML scalar.</summary>
    public static string Quoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
