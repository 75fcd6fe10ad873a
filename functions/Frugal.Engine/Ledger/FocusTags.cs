using System.Text.Json;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Reads the Tags column: a JSON object of key to value. Keys are kept as written, however odd (dots, slashes,
/// quotes, any script); values that are not strings keep their JSON text. Keys match ignoring case.
/// </summary>
internal static class FocusTags
{
    public static IReadOnlyDictionary<string, string> Empty { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses a row's Tags cell, once its doubled quotes are collapsed.</summary>
    public static bool TryParse(in FocusRow row, int slot, out IReadOnlyDictionary<string, string> tags)
    {
        var json = new byte[row.Raw(slot).Length];
        var length = row.CopyValue(slot, json);
        return TryParse(json.AsSpan(0, length), out tags);
    }

    public static bool TryParse(ReadOnlySpan<byte> json, out IReadOnlyDictionary<string, string> tags)
    {
        tags = Empty;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                var value = ValueText(ref reader);
                if (value is not null)
                {
                    result[key] = value;
                }
            }

            tags = result;
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ValueText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                using (var nested = JsonDocument.ParseValue(ref reader))
                {
                    return nested.RootElement.GetRawText();
                }

            default:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
