using System.Collections.Generic;
using System.Text;

namespace RecipeDsl.Generators.Emitting;

/// <summary>
/// Breaks a generated line that is wider than the page the way a careful human would: a call's arguments onto the next
/// line (packed, then one per line if need be), a long string literal into concatenated parts, a comment at a space.
/// Written here because Roslyn's formatter (Microsoft.CodeAnalysis.CSharp.Formatting) lives in the Workspaces
/// assembly, which a source generator cannot load, and neither it nor NormalizeWhitespace wraps long lines.
/// </summary>
internal static class LineWrapper
{
    public const int PageWidth = 120;

    private const string Continuation = "    ";

    /// <summary>
    /// Literals longer than this stay on one line: cutting a recipe's 5 MB description into 50,000 concatenated parts
    /// would help no reader and strain the compiler.
    /// </summary>
    private const int LongestWrappedLiteral = 4096;

    /// <summary>The line as one or more lines no wider than <paramref name="width"/> where it can be broken.</summary>
    public static IReadOnlyList<string> Wrap(string line, int width)
    {
        var lines = new List<string>();
        Wrap(line, width, lines);
        return lines;
    }

    private static void Wrap(string line, int width, List<string> lines)
    {
        if (line.Length <= width)
        {
            lines.Add(line);
            return;
        }

        var trimmed = line.TrimStart();
        var lead = line.Substring(0, line.Length - trimmed.Length);
        if (trimmed.StartsWith("//", System.StringComparison.Ordinal))
        {
            WrapComment(lead, trimmed, width, lines);
            return;
        }

        if (!WrapArguments(lead, trimmed, width, lines) && !WrapLambda(lead, trimmed, width, lines) && !WrapString(lead, trimmed, width, lines))
        {
            lines.Add(line);
        }
    }

    /// <summary>"/// &lt;summary&gt;text&lt;/summary&gt;" becomes a block; any other comment continues with its own prefix.</summary>
    private static void WrapComment(string lead, string comment, int width, List<string> lines)
    {
        var prefix = comment.StartsWith("///", System.StringComparison.Ordinal) ? "/// " : "// ";
        var text = comment.Substring(prefix.Length - 1).TrimStart();
        if (prefix == "/// " && text.StartsWith("<summary>", System.StringComparison.Ordinal) && text.EndsWith("</summary>", System.StringComparison.Ordinal))
        {
            lines.Add(lead + "/// <summary>");
            WrapWords(lead + prefix, text.Substring(9, text.Length - 19), width, lines);
            lines.Add(lead + "/// </summary>");
            return;
        }

        WrapWords(lead + prefix, text, width, lines);
    }

    private static void WrapWords(string prefix, string text, int width, List<string> lines)
    {
        var current = new StringBuilder(prefix);
        foreach (var word in text.Split(' '))
        {
            if (current.Length > prefix.Length && current.Length + 1 + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear().Append(prefix);
            }

            if (current.Length > prefix.Length)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        lines.Add(current.ToString());
    }

    /// <summary>
    /// Breaks after the first '(' of a call with two or more arguments (else of any call) whose head fits: the
    /// arguments go on the next lines, as many to a line as fit, and whatever followed the ')' stays with the last.
    /// </summary>
    private static bool WrapArguments(string lead, string code, int width, List<string> lines)
    {
        (int Open, int Close, List<string> Arguments)? chosen = null;
        foreach (var open in CallOpenings(code))
        {
            var close = Matching(code, open);
            var arguments = SplitTopLevel(code.Substring(open + 1, close - open - 1));
            if (lead.Length + open + 1 > width || arguments.Count == 0)
            {
                continue;
            }

            chosen ??= (open, close, arguments);
            if (arguments.Count >= 2)
            {
                chosen = (open, close, arguments);
                break;
            }
        }

        if (chosen is not { } call)
        {
            return false;
        }

        lines.Add(lead + code.Substring(0, call.Open + 1));
        var inner = lead + Continuation;
        // An initializer's closing brace keeps its space: "{ a, b }".
        var tail = (code[call.Open] == '{' ? " " : "") + code.Substring(call.Close);
        var current = new StringBuilder();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var piece = call.Arguments[i] + (i == call.Arguments.Count - 1 ? tail : ",");
            if (current.Length > 0 && inner.Length + current.Length + 1 + piece.Length > width)
            {
                Wrap(inner + current, width, lines);
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : "").Append(piece);
        }

        Wrap(inner + current, width, lines);
        return true;
    }

    /// <summary>Puts an expression-bodied lambda's body on the next line: "x = static () =&gt;" / "    body".</summary>
    private static bool WrapLambda(string lead, string code, int width, List<string> lines)
    {
        var arrow = code.IndexOf(" => ", System.StringComparison.Ordinal);
        if (arrow < 0 || lead.Length + arrow + 3 > width || code.IndexOf('"') is var quote and >= 0 && quote < arrow)
        {
            return false;
        }

        lines.Add(lead + code.Substring(0, arrow + 3));
        Wrap(lead + Continuation + code.Substring(arrow + 4), width, lines);
        return true;
    }

    /// <summary>Splits the longest string literal of the line into parts joined by '+', each on its own line.</summary>
    private static bool WrapString(string lead, string code, int width, List<string> lines)
    {
        var (start, end) = LongestString(code);
        if (start < 0 || end - start < 20 || end - start > LongestWrappedLiteral)
        {
            return false;
        }

        // An interpolated string ($"…{hole}…") is cut only outside its holes, and every part stays interpolated.
        var interpolated = start > 0 && code[start - 1] == '$';
        var prefix = interpolated ? "$\"" : "\"";
        var head = code.Substring(0, interpolated ? start - 1 : start).TrimEnd();
        // A literal that starts the line (an argument already on its own line) continues at the same indentation.
        var inner = head.Length == 0 ? lead : lead + Continuation;
        var tail = code.Substring(end + 1);
        var room = width - inner.Length - prefix.Length - 3 - tail.Length;
        if (room < 8)
        {
            return false;
        }

        var content = code.Substring(start + 1, end - start - 1);
        var parts = new List<string>();
        while (content.Length > room && BreakPoint(content, room, interpolated) is var cut and > 0)
        {
            parts.Add(content.Substring(0, cut));
            content = content.Substring(cut);
        }

        if (parts.Count == 0)
        {
            return false;
        }

        parts.Add(content);
        if (head.Length > 0)
        {
            lines.Add(lead + head);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            lines.Add(inner + (i == 0 ? "" : "+ ") + prefix + parts[i] + "\"" + (i == parts.Count - 1 ? tail : ""));
        }

        return true;
    }

    /// <summary>
    /// Where to cut a literal's text: after an escaped newline or a space, never inside an escape or an interpolation
    /// hole; 0 when there is no such place.
    /// </summary>
    private static int BreakPoint(string content, int room, bool interpolated)
    {
        // cuttable[i]: a cut before content[i] leaves every escape sequence (\", \n, \uXXXX…), surrogate pair and
        // interpolation hole whole. Parts are cut only there, so each part starts clean: the window up to the cut is enough.
        var cuttable = new bool[room + 1];
        var depth = 0;
        var insideEscape = 0;
        for (var i = 0; i <= room; i++)
        {
            cuttable[i] = depth == 0 && insideEscape == 0 && !(i > 0 && char.IsHighSurrogate(content[i - 1]));
            if (i == content.Length)
            {
                break;
            }

            if (insideEscape > 0)
            {
                insideEscape--;
            }
            else if (content[i] == '\\' && i + 1 < content.Length)
            {
                insideEscape = content[i + 1] == 'u' ? 5 : content[i + 1] == 'U' ? 9 : 1;
            }
            else if (interpolated)
            {
                depth += content[i] == '{' ? 1 : content[i] == '}' ? -1 : 0;
            }
        }

        for (var i = room; i > room / 2; i--)
        {
            if (i >= 2 && content[i - 2] == '\\' && content[i - 1] == 'n' && !Escaped(content, i - 2) && cuttable[i])
            {
                return i;
            }
        }

        for (var i = room; i > room / 3; i--)
        {
            if (content[i - 1] == ' ' && cuttable[i] && cuttable[i - 1])
            {
                return i;
            }
        }

        if (interpolated)
        {
            return 0;
        }

        for (var i = room; i > 0; i--)
        {
            if (cuttable[i])
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Whether the character at <paramref name="index"/> is preceded by an odd number of backslashes.</summary>
    private static bool Escaped(string content, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && content[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    /// <summary>
    /// Every '(' that opens a call's non-empty argument list and every '{ ' that opens an initializer, outside string
    /// literals, in order.
    /// </summary>
    private static IEnumerable<int> CallOpenings(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '"')
            {
                i = StringEnd(code, i);
                continue;
            }

            if (i == 0)
            {
                continue;
            }

            var before = code[i - 1];
            var call = code[i] == '(' && (char.IsLetterOrDigit(before) || before is '>' or '_');
            var initializer = code[i] == '{' && before == ' ' && i + 1 < code.Length && code[i + 1] == ' ';
            if ((call || initializer) && Matching(code, i) is var close and > 0 && close > i + 1)
            {
                yield return i;
            }
        }
    }

    private static int Matching(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                i = StringEnd(code, i);
                continue;
            }

            depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitTopLevel(string arguments)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (c == '"')
            {
                i = StringEnd(arguments, i);
                continue;
            }

            depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                parts.Add(arguments.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }

        var last = arguments.Substring(start).Trim();
        if (last.Length > 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    private static (int Start, int End) LongestString(string code)
    {
        var best = (-1, -1);
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '"')
            {
                var end = StringEnd(code, i);
                if (end - i > best.Item2 - best.Item1)
                {
                    best = (i, end);
                }

                i = end;
            }
        }

        return best;
    }

    /// <summary>The index of the quote that closes the string literal opening at <paramref name="start"/>.</summary>
    private static int StringEnd(string code, int start)
    {
        for (var i = start + 1; i < code.Length; i++)
        {
            if (code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == '"')
            {
                return i;
            }
        }

        return code.Length - 1;
    }
}
