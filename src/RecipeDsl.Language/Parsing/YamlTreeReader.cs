using System.Collections.Generic;
using RecipeDsl.Language.Problems;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RecipeDsl.Language.Parsing;

/// <summary>Reads one YAML document into a <see cref="YamlNode"/> tree, turning syntax errors into problems.</summary>
internal static class YamlTreeReader
{
    /// <returns>The document's root, or null when the file is empty or not well-formed (then a problem says why).</returns>
    public static YamlNode? Read(string text, List<RecipeProblem> problems)
    {
        var parser = new Parser(new System.IO.StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, problems);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, SpanOf(second.Start, second.End),
                    "a recipe file holds one YAML document; remove the second '---' and what follows it"));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, SpanOf(e.Start, e.End), Describe(e)));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, List<RecipeProblem> problems)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new YamlScalar(scalar.Value, scalar.Style, SpanOf(scalar.Start, scalar.End));
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.Accept<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, problems));
            }

            var sequenceEnd = parser.Consume<SequenceEnd>();
            return new YamlSequence(items, SpanOf(sequenceStart.Start, sequenceEnd.End));
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            while (!parser.Accept<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, problems);
                var value = ReadNode(parser, problems);
                if (keyNode is YamlScalar key)
                {
                    entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
                }
                else
                {
                    problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, keyNode.Span, "a recipe key must be a plain word, not a list or mapping"));
                }
            }

            var end = parser.Consume<MappingEnd>();
            return new YamlMapping(entries, SpanOf(mappingStart.Start, end.End));
        }

        if (parser.Accept<AnchorAlias>(out var alias))
        {
            throw new YamlException(alias.Start, alias.End, "anchors and aliases (*name) are not supported in recipes; write the value out");
        }

        var unexpected = parser.Current;
        throw new YamlException(unexpected?.Start ?? Mark.Empty, unexpected?.End ?? Mark.Empty, "unexpected YAML content");
    }

    internal static SourceSpan SpanOf(Mark start, Mark end)
    {
        // YamlDotNet marks are 1-based (line, column); the end may precede the start for empty scalars.
        var startIndex = (int)start.Index;
        var endIndex = System.Math.Max(startIndex, (int)end.Index);
        var endLine = end.Index >= start.Index ? end.Line : start.Line;
        var endColumn = end.Index >= start.Index ? end.Column : start.Column;
        return new SourceSpan(startIndex, endIndex, (int)start.Line - 1, (int)start.Column - 1, (int)endLine - 1, (int)endColumn - 1);
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the location is reported separately.
        var message = e.Message;
        var marker = message.IndexOf("): ", System.StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(", System.StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }
}
