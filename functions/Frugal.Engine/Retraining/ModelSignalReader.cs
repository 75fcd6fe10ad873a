using System.Globalization;
using System.Text.Json;

namespace Frugal.Engine.Retraining;

/// <summary>
/// Reads the body of <c>POST /api/models/{model}/signals</c>: one signal object or an array of them, each
/// <c>{"kind": "drift", "value": 0.42, "observedAt": "...", "source": "...", "deliveryId": "..."}</c>. Any
/// problem refuses the whole body with a <see cref="FrugalInputException"/> naming the field at fault.
/// </summary>
public static class ModelSignalReader
{
    /// <summary>Most signals one request may carry.</summary>
    public const int MaxSignals = 100;

    private static readonly string[] Fields = ["kind", "value", "observedAt", "source", "deliveryId"];

    public static IReadOnlyList<ModelSignal> Read(ReadOnlyMemory<byte> body, string model, DateTimeOffset receivedAt)
    {
        ModelSignal.CheckModel(model);
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            var count = root.GetArrayLength();
            if (count is 0 or > MaxSignals)
            {
                throw new FrugalInputException($"signals: a batch holds 1 to {MaxSignals} signals; got {count}");
            }

            return [.. root.EnumerateArray().Select((item, i) => ReadOne(item, model, receivedAt, $"signals[{i}]"))];
        }

        return [ReadOne(root, model, receivedAt, "signal")];
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new FrugalInputException($"body: not JSON ({ex.Message})", ex);
        }
    }

    private static ModelSignal ReadOne(JsonElement item, string model, DateTimeOffset receivedAt, string field)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FrugalInputException($"{field}: must be an object with kind and value, got {item.ValueKind}");
        }

        foreach (var property in item.EnumerateObject().Where(p => !Fields.Contains(p.Name, StringComparer.Ordinal)))
        {
            throw new FrugalInputException(
                $"{field}.{property.Name}: unknown field; a signal has {string.Join(", ", Fields)}");
        }

        var kind = String(item, "kind", field) ?? throw Missing(field, "kind");
        var value = Number(item, field) ?? throw Missing(field, "value");
        var observedAt = Instant(item, field) ?? receivedAt;
        return ModelSignal.Create(model, kind, value, observedAt, String(item, "source", field),
            String(item, "deliveryId", field), receivedAt, field);
    }

    private static string? String(JsonElement item, string name, string field)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FrugalInputException($"{field}.{name}: must be a string, got {value.ValueKind}");
    }

    private static decimal? Number(JsonElement item, string field)
    {
        if (!item.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw new FrugalInputException($"{field}.value: must be a number, got {value.GetRawText()}");
    }

    private static DateTimeOffset? Instant(JsonElement item, string field)
    {
        var text = String(item, "observedAt", field);
        if (text is null)
        {
            return null;
        }

        // An offset is required: a time without one would be read in the receiver's zone.
        return text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at
                : throw new FrugalInputException(
                    $"{field}.observedAt: '{text}' is not an ISO 8601 time with an offset, as 2026-12-04T10:00:00Z");
    }

    private static FrugalInputException Missing(string field, string name) => new($"{field}.{name}: required");
}
