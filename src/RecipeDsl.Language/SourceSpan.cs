namespace RecipeDsl.Language;

/// <summary>
/// A range of a recipe file as plain data (0-based offsets, lines and columns), so that it can live in
/// cached models; the analyzer turns it into a Roslyn <c>Location</c> only when it reports.
/// </summary>
public readonly record struct SourceSpan(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>Where problems without a place of their own are reported: line 1, column 1.</summary>
    public static readonly SourceSpan FileStart = new(0, 0, 0, 0, 0, 0);

    /// <summary>
    /// The file the span is in when that is not the recipe's own file: the base recipe (<c>extends</c>) a value was
    /// inherited from, so that a problem with it points at the line where it was written. Null otherwise.
    /// </summary>
    public string? File { get; init; }

    public int Length => End - Start;

    /// <summary>The 1-based "(line,col)" form that compilers print.</summary>
    public override string ToString() => $"({StartLine + 1},{StartColumn + 1})";
}
