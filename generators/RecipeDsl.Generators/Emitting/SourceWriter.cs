using System.Text;

namespace RecipeDsl.Generators.Emitting;

/// <summary>
/// A string builder that indents lines, keeps them within the page (<see cref="LineWrapper"/>) and opens and closes
/// braces (after System.Text.Json's SourceWriter).
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes a line at the current indentation, broken into several if it is wider than the page.</summary>
    public void WriteLine(string line)
    {
        if (line.Length == 0)
        {
            _builder.Append('\n');
            return;
        }

        var indent = new StringBuilder();
        for (var i = 0; i < _indent; i++)
        {
            indent.Append(IndentUnit);
        }

        foreach (var part in LineWrapper.Wrap(indent + line, LineWrapper.PageWidth))
        {
            _builder.Append(part).Append('\n');
        }
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

    /// <summary>Indents the following lines one level more (a statement continued on its next lines).</summary>
    public void Indent() => _indent++;

    public void Outdent() => _indent--;

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
