namespace RecipeDsl.Language.Problems;

/// <summary>
/// Something wrong with a recipe, as plain data: the analyzer maps <see cref="Id"/> to its descriptor
/// (titles and message formats live in one descriptors file there) and fills it with <see cref="Arguments"/>.
/// </summary>
/// <param name="Replacement">Text that fixes the problem when it replaces <see cref="Span"/> (a "did you mean"), or null.</param>
public sealed record RecipeProblem(string Id, SourceSpan Span, EquatableArray<string> Arguments, string? Replacement = null)
{
    public static RecipeProblem Create(string id, SourceSpan span, params string[] arguments) =>
        new(id, span, new EquatableArray<string>(arguments));
}
