namespace RecipeDsl.Language.Problems;

/// <summary>
/// Something wrong with a recipe, as plain data: the analyzer maps <see cref="Id"/> to its descriptor
/// (titles and message formats live in one descriptors file there) and fills it with <see cref="Arguments"/>.
/// </summary>
/// <param name="Replacement">Text that fixes the problem when it replaces <see cref="Span"/> (a "did you mean"), or null.</param>
public sealed record RecipeProblem(string Id, SourceSpan Span, EquatableArray<string> Arguments, string? Replacement = null)
{
    /// <summary>The longest argument a message quotes whole; a longer one (a 5 MB key, say) is cut, with "…".</summary>
    public const int MaxArgumentLength = 200;

    public static RecipeProblem Create(string id, SourceSpan span, params string[] arguments) =>
        new(id, span, new EquatableArray<string>(System.Array.ConvertAll(arguments, Shorten)));

    /// <summary>A problem whose code fix puts <paramref name="replacement"/> at <paramref name="span"/>.</summary>
    public static RecipeProblem WithFix(string id, SourceSpan span, string? replacement, params string[] arguments) =>
        Create(id, span, arguments) with { Replacement = replacement };

    internal static string Shorten(string argument) =>
        argument.Length <= MaxArgumentLength ? argument : argument.Substring(0, MaxArgumentLength) + "…";
}
