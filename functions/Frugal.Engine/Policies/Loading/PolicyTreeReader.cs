using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Turns YAML text into a <see cref="PolicyNode"/> tree. Duplicate keys, non-scalar keys, unknown aliases and
/// extra documents are recorded and reading goes on; a syntax error stops reading and becomes one diagnostic.
/// </summary>
internal sealed class PolicyTreeReader
{
    private readonly Dictionary<string, PolicyNode> anchors = new(StringComparer.Ordinal);
    private readonly PolicyErrors errors;
    private readonly IParser parser;
    private Mark lastMark = Mark.Empty;

    private PolicyTreeReader(string text, PolicyErrors errors)
    {
        parser = new Parser(new StringReader(text));
        this.errors = errors;
    }

    /// <summary>The root node, or null when the text holds no document or is not valid YAML.</summary>
    public static PolicyNode? Read(string text, PolicyErrors errors)
    {
        var reader = new PolicyTreeReader(text, errors);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex)
        {
            errors.Add(Line(ex.Start), Column(ex.Start), $"not valid YAML: {ex.Message.TrimEnd('.')}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 gives up this way on some unterminated flow collections ("[a, b" with no "]").
            errors.Add(Line(reader.lastMark), Column(reader.lastMark),
                "not valid YAML after this point: check for an unclosed '[', '{' or quote");
        }

        return null;
    }

    private PolicyNode? ReadStream()
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode();
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            errors.Add(Line(second.Start), Column(second.Start),
                "a policy is one YAML document; remove this second one or move it to its own file");
        }

        return root;
    }

    private PolicyNode ReadNode()
    {
        lastMark = parser.Current?.Start ?? lastMark;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = new PolicyScalar(Line(scalar.Start), Column(scalar.Start), scalar.Value,
                scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
            return Remember(scalar.Anchor, node);
        }

        if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            return Remember(sequence.Anchor, ReadSequence(sequence));
        }

        if (parser.TryConsume<MappingStart>(out var mapping))
        {
            return Remember(mapping.Anchor, ReadMapping(mapping));
        }

        return ReadAlias(parser.Consume<AnchorAlias>());
    }

    private PolicySequence ReadSequence(SequenceStart start)
    {
        var items = new List<PolicyNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode());
        }

        return new PolicySequence(Line(start.Start), Column(start.Start), items);
    }

    private PolicyMapping ReadMapping(MappingStart start)
    {
        var entries = new List<PolicyEntry>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode();
            var value = ReadNode();
            if (key is not PolicyScalar name)
            {
                errors.Add(key, $"a key must be a plain name, not {key.Description}");
            }
            else if (firstLines.TryGetValue(name.Value, out var firstLine))
            {
                errors.Add(name, $"duplicate key '{name.Value}' (first at line {firstLine}); only one may stay");
            }
            else
            {
                firstLines.Add(name.Value, name.Line);
                entries.Add(new PolicyEntry(name, value));
            }
        }

        return new PolicyMapping(Line(start.Start), Column(start.Start), entries);
    }

    private PolicyNode ReadAlias(AnchorAlias alias)
    {
        if (anchors.TryGetValue(alias.Value.Value, out var node))
        {
            return node;
        }

        var missing = new PolicyScalar(Line(alias.Start), Column(alias.Start), "", IsPlain: true);
        errors.Add(missing, $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
        return missing;
    }

    private PolicyNode Remember(AnchorName anchor, PolicyNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);
}
