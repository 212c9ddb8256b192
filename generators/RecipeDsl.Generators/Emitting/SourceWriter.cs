using System.Text;

namespace RecipeDsl.Generators.Emitting;

/// <summary>A string builder that indents lines and opens and closes braces (after System.Text.Json's SourceWriter).</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }
        }

        _builder.Append(line).Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes several lines at the current indentation; a null line is skipped (an optional line).</summary>
    public void WriteLines(params string?[] lines)
    {
        foreach (var line in lines)
        {
            if (line is not null)
            {
                WriteLine(line);
            }
        }
    }

    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
