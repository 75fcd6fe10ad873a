using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Checks that a policy is YAML text before the YAML parser sees it. The parser accepts some control characters
/// silently and places its tab errors at the start of the enclosing mapping, so both are caught here first.
/// </summary>
internal static class PolicyTextScreen
{
    /// <summary>Decodes strict UTF-8, dropping a byte order mark; null, with one error, when it is not text.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, PolicyErrors errors)
    {
        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var (line, column) = Position(new string(chars, 0, written), written);
        errors.Add(line, column, string.Create(CultureInfo.InvariantCulture,
            $"not a YAML text file: byte {read + 1} is not UTF-8 (a binary or differently encoded file?)"));
        return null;
    }

    /// <summary>True when the text has no control characters and no tab in its indentation.</summary>
    public static bool IsPlausibleYaml(string text, PolicyErrors errors)
    {
        var control = text.AsSpan().IndexOfAny(ControlCharacters);
        if (control >= 0)
        {
            var (line, column) = Position(text, control);
            errors.Add(line, column, string.Create(CultureInfo.InvariantCulture,
                $"not a YAML text file: control character U+{(int)text[control]:X4} (a binary file?)"));
            return false;
        }

        var tab = IndentationTab(text);
        if (tab >= 0)
        {
            var (line, column) = Position(text, tab);
            errors.Add(line, column, "tab in indentation: YAML indents with spaces only");
            return false;
        }

        return true;
    }

    // C0 controls other than tab and line breaks, and DEL: YAML does not allow them in a document.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not '\t' and not '\n' and not '\r'), '\x7F']);

    private static int IndentationTab(string text)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            var indent = line.IndexOfAnyExcept(' ', '\t');

            // A tab before a comment or on a blank line changes no structure, so only content lines count.
            if (indent >= 0 && line[indent] is not '#' and not '\r' && line[..indent].Contains('\t'))
            {
                return lineStart + line.IndexOf('\t');
            }

            lineStart = lineEnd + 1;
        }

        return -1;
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var lastBreak = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, index - lastBreak);
    }
}
