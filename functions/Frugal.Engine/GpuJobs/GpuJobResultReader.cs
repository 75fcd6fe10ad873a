using System.Text.Json;
using Frugal.Engine.Money;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// Reads a result message the worker posted to <c>gpu-results</c> (JSON, camelCase). Fields the control plane
/// does not record (<c>costPer1000</c>, recomputed from <c>cost</c>) are ignored; a message without an id, status,
/// model or currency is refused with the field named.
/// </summary>
public static class GpuJobResultReader
{
    public static GpuJobResult Read(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FrugalInputException("GPU job result: not a JSON object");
            }

            return ResultOf(root);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new FrugalInputException($"GPU job result: {ex.Message}", ex);
        }
    }

    private static GpuJobResult ResultOf(JsonElement root)
    {
        var status = Required(root, "status");
        if (status is not ("succeeded" or "failed"))
        {
            throw new FrugalInputException($"GPU job result: status '{status}' is not 'succeeded' or 'failed'");
        }

        var currency = Required(root, "currency");
        if (!CurrencyCode.TryParse(currency, out var code))
        {
            throw new FrugalInputException($"GPU job result: currency '{currency}' is not an ISO 4217 code");
        }

        return new GpuJobResult
        {
            Id = Required(root, "id"),
            Kind = Optional(root, "kind") ?? "unknown",
            Succeeded = status == "succeeded",
            Model = Required(root, "model"),
            Version = Optional(root, "version"),
            Output = Optional(root, "output"),
            Report = Optional(root, "report"),
            GpuSeconds = Number(root, "gpuSeconds"),
            Predictions = (long)Number(root, "predictions"),
            Cost = new Money.Money(Number(root, "cost"), code),
            Provider = Optional(root, "provider"),
            Attempts = (int)Number(root, "attempts"),
            Duplicate = root.TryGetProperty("duplicate", out var again) && again.ValueKind == JsonValueKind.True,
            Error = Optional(root, "error"),
        };
    }

    private static string Required(JsonElement root, string field) =>
        Optional(root, field) is { Length: > 0 } text
            ? text
            : throw new FrugalInputException($"GPU job result: '{field}' is missing");

    private static string? Optional(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal Number(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0m;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0
            ? number
            : throw new FrugalInputException($"GPU job result: '{field}' is not a non-negative number");
    }
}
