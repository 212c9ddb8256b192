using System.Collections.Generic;
using RecipeDsl.Language.Problems;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RecipeDsl.Language.Parsing;

/// <summary>Reads one YAML document into a <see cref="YamlNode"/> tree, turning syntax errors into problems.</summary>
internal sealed class YamlTreeReader
{
    /// <summary>
    /// Recipes nest four levels at most; anything far deeper is refused before it can exhaust the stack of the
    /// compiler or the IDE (the tree is read recursively).
    /// </summary>
    public const int MaxDepth = 64;

    private readonly IParser _parser;
    private Mark _lastGood = Mark.Empty;

    private YamlTreeReader(IParser parser) => _parser = parser;

    /// <returns>The document's root, or null when the file is empty or not well-formed (then a problem says why).</returns>
    public static YamlNode? Read(string text, List<RecipeProblem> problems)
    {
        var reader = new YamlTreeReader(new Parser(new System.IO.StringReader(text)));
        try
        {
            return reader.ReadDocument(problems);
        }
        catch (YamlException e)
        {
            problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, SpanOf(e.Start, e.End), Describe(e)));
            return null;
        }
        catch (System.InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Namespace?.StartsWith("YamlDotNet", System.StringComparison.Ordinal) == true)
        {
            // YamlDotNet 16 throws this instead of a YamlException for some malformed flow collections ("[unclosed"
            // followed by a key on the next line): still a syntax error of the file, located where reading stopped.
            problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, SpanOf(reader._lastGood, reader._lastGood),
                $"the YAML is not well-formed after this point (check brackets and quotes): {e.Message}"));
            return null;
        }
    }

    private YamlNode? ReadDocument(List<RecipeProblem> problems)
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode(problems, depth: 1);
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, SpanOf(second.Start, second.End),
                "a recipe file holds one YAML document; remove the second '---' and what follows it"));
            return null;
        }

        return root;
    }

    private YamlNode ReadNode(List<RecipeProblem> problems, int depth)
    {
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            _lastGood = scalar.End;
            return new YamlScalar(scalar.Value, scalar.Style, SpanOf(scalar.Start, scalar.End));
        }

        if (_parser.Accept<NodeEvent>(out var start) && start is SequenceStart or MappingStart && depth > MaxDepth)
        {
            throw new YamlException(start.Start, start.End, $"the YAML nests deeper than {MaxDepth} levels; a recipe needs four");
        }

        if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            _lastGood = sequenceStart.End;
            var items = new List<YamlNode>();
            while (!_parser.Accept<SequenceEnd>(out _))
            {
                items.Add(ReadNode(problems, depth + 1));
            }

            var sequenceEnd = _parser.Consume<SequenceEnd>();
            _lastGood = sequenceEnd.End;
            return new YamlSequence(items, SpanOf(sequenceStart.Start, sequenceEnd.End));
        }

        if (_parser.TryConsume<MappingStart>(out var mappingStart))
        {
            _lastGood = mappingStart.End;
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            while (!_parser.Accept<MappingEnd>(out _))
            {
                var keyNode = ReadNode(problems, depth + 1);
                var value = ReadNode(problems, depth + 1);
                if (keyNode is YamlScalar key)
                {
                    entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
                }
                else
                {
                    problems.Add(RecipeProblem.Create(ProblemIds.YamlSyntax, keyNode.Span, "a recipe key must be a plain word, not a list or mapping"));
                }
            }

            var end = _parser.Consume<MappingEnd>();
            _lastGood = end.End;
            return new YamlMapping(entries, SpanOf(mappingStart.Start, end.End));
        }

        if (_parser.Accept<AnchorAlias>(out var alias))
        {
            throw new YamlException(alias.Start, alias.End, "anchors and aliases (*name) are not supported in recipes; write the value out");
        }

        var unexpected = _parser.Current;
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
