namespace RecipeDsl.Language.Model;

/// <summary>
/// Where a recipe writes each of its keys and values, kept beside the <see cref="Recipe"/> rather than inside it
/// (NetEscapades.EnumGenerators keeps its LocationInfo the same way): the model stays plain settings, equal wherever
/// they are written, so the generator's cached output survives lines moving; diagnostics and code fixes read these.
/// </summary>
public sealed class RecipeLocations
{
    private readonly EquatableArray<KeyLocation> _keys;

    public RecipeLocations(EquatableArray<KeyLocation> keys) => _keys = keys;

    /// <summary>A recipe whose positions are unknown (built in code rather than parsed).</summary>
    public static RecipeLocations None { get; } = new(EquatableArray<KeyLocation>.Empty);

    /// <summary>Every key the recipe writes, in file order.</summary>
    public EquatableArray<KeyLocation> Keys => _keys;

    /// <summary>Where the value of <paramref name="path"/> (such as <c>loss.label_smoothing</c>) is written, if it is.</summary>
    public SourceSpan? ValueSpan(string path) => Find(path)?.Value;

    /// <summary>Where the key <paramref name="path"/> is written, if it is.</summary>
    public SourceSpan? KeySpan(string path) => Find(path)?.Key;

    private KeyLocation? Find(string path)
    {
        foreach (var location in _keys)
        {
            if (location.Path == path)
            {
                return location;
            }
        }

        return null;
    }
}
