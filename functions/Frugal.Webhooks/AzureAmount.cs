using System.Globalization;
using Frugal.Engine;

namespace Frugal.Webhooks;

/// <summary>
/// Amounts as Azure budget alerts write them: <c>$11,111.00</c>, <c>4.16</c>, <c>1111.11</c>. Azure formats them
/// for people in en-US, so a comma groups thousands and a point starts the fraction; currency symbols and spaces
/// around the number are dropped (the currency is in the alert's <c>Unit</c>).
/// </summary>
internal static class AzureAmount
{
    public static decimal Parse(string text, string path)
    {
        var number = text.Trim();
        var negative = number.StartsWith('(') && number.EndsWith(')');
        number = (negative ? number[1..^1] : number).Trim('$', '€', '£', '¥', ' ', '\u00A0');

        if (IsGrouped(number) &&
            decimal.TryParse(number, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint |
                NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return negative ? -amount : amount;
        }

        throw new FrugalInputException($"{path} must be an amount such as $1,234.50, got '{AlertJson.Shorten(text)}'");
    }

    // Invariant parsing accepts commas anywhere; only groups of three digits are thousands.
    private static bool IsGrouped(string number)
    {
        var groups = number.Split('.')[0].TrimStart('-').Split(',');
        return groups.Length == 1 || (groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3));
    }
}
