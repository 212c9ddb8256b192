using System.Collections.Generic;
using YamlDotNet.Core;

namespace RecipeDsl.Language.Parsing;

// A minimal YAML tree that keeps every key/value pair in order with its span. YamlDotNet's own
// representation model throws on duplicate keys; this one lets the parser report them where they are.

internal abstract class YamlNode
{
    protected YamlNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, ScalarStyle style, SourceSpan span)
        : base(span)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }

    public ScalarStyle Style { get; }

    /// <summary>A plain scalar that YAML reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");
}

internal sealed class YamlMapping : YamlNode
{
    public YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries, SourceSpan span)
        : base(span) => Entries = entries;

    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; }
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(IReadOnlyList<YamlNode> items, SourceSpan span)
        : base(span) => Items = items;

    public IReadOnlyList<YamlNode> Items { get; }
}
