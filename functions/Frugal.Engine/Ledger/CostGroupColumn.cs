namespace Frugal.Engine.Ledger;

/// <summary>One group-by column: a column of the file, or one key of the Tags column (<c>tag:KEY</c>).</summary>
internal sealed record CostGroupColumn(string Name, string? Column, string? TagKey)
{
    private const string TagPrefix = "tag:";

    public bool IsTag => TagKey is not null;

    public bool IsFocusColumn => Column is not null && FocusColumns.TryGetCanonical(Column, out _);

    public static CostGroupColumn Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith(TagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = trimmed[TagPrefix.Length..];
            if (key.Length == 0)
            {
                throw new FrugalInputException($"group-by column '{text}' names no tag key (write tag:KEY)");
            }

            return new CostGroupColumn(TagPrefix + key, null, key);
        }

        if (trimmed.Length == 0)
        {
            throw new FrugalInputException("a group-by column name is empty");
        }

        var name = FocusColumns.TryGetCanonical(trimmed, out var canonical) ? canonical : trimmed;
        return new CostGroupColumn(name, name, null);
    }
}
