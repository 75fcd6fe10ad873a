using System.Globalization;
using System.Text.Json;
using Frugal.Engine;
using Frugal.Engine.Money;

namespace Frugal.Webhooks;

/// <summary>
/// Reads fields out of an alert body, failing with a <see cref="FrugalInputException"/> that names the field by its
/// JSON path (<c>message.attributes.budgetId</c>) and says what is wrong with it.
/// </summary>
internal static class AlertJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, string what)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new FrugalInputException($"{what} is not valid JSON: {FirstSentence(ex.Message)}", ex);
        }
    }

    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        var value = Field(parent, name, path);
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FrugalInputException($"{path} must be an object, got {Kind(value)}");
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path) =>
        Optional(parent, name) is { } value
            ? value.ValueKind == JsonValueKind.Object
                ? value
                : throw new FrugalInputException($"{path} must be an object, got {Kind(value)}")
            : null;

    public static string Text(JsonElement parent, string name, string path) =>
        OptionalText(parent, name, path) ?? throw Missing(path);

    public static string? OptionalText(JsonElement parent, string name, string path)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FrugalInputException($"{path} must be text, got {Kind(value)}");
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    public static decimal Number(JsonElement parent, string name, string path) =>
        OptionalNumber(parent, name, path) ?? throw Missing(path);

    /// <summary>A JSON number, or text holding one (some formats quote every value).</summary>
    public static decimal? OptionalNumber(JsonElement parent, string name, string path)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new FrugalInputException($"{path} must be a number, got {Kind(value)}");
    }

    public static DateTimeOffset Timestamp(JsonElement parent, string name, string path)
    {
        var text = Text(parent, name, path);
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var instant)
            ? instant
            : throw new FrugalInputException($"{path} must be an RFC 3339 timestamp, got '{Shorten(text)}'");
    }

    public static CurrencyCode Currency(string text, string path) =>
        CurrencyCode.TryParse(text, out var currency)
            ? currency
            : throw new FrugalInputException($"{path} must be an ISO 4217 currency code, got '{Shorten(text)}'");

    public static FrugalInputException Missing(string path) => new($"{path} is missing");

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static JsonElement Field(JsonElement parent, string name, string path) =>
        Optional(parent, name) ?? throw Missing(path);

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) &&
        value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text '{Shorten(value.GetString()!)}'",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
