using System.Globalization;
using System.Text.Json;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// Reads a job request from JSON (camelCase, as the worker's queue contract writes it, plus <c>budget</c>):
/// an unknown field or a field of the wrong type is an error naming that field, like a rule broken.
/// </summary>
public static class GpuJobRequestReader
{
    private static readonly string[] Fields =
        ["id", "kind", "model", "version", "input", "output", "priority", "precision", "budget"];

    public static GpuJobCheck Read(ReadOnlySpan<byte> json, IReadOnlyCollection<string> budgets)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            return new GpuJobCheck(null, [new("body", $"is not JSON ({ex.Message})")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new GpuJobCheck(null, [new("body", "is not a JSON object")]);
            }

            var errors = new List<GpuJobFieldError>();
            var draft = DraftOf(document.RootElement, errors);
            var check = GpuJobRules.Check(draft, budgets);
            return errors.Count == 0 ? check : new GpuJobCheck(null, [.. errors, .. check.Errors]);
        }
    }

    private static GpuJobDraft DraftOf(JsonElement root, List<GpuJobFieldError> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new(property.Name, $"is not a job field (fields: {string.Join(", ", Fields)})"));
                continue;
            }

            values[property.Name] = TextOf(property, errors);
        }

        return new GpuJobDraft
        {
            Id = values.GetValueOrDefault("id"),
            Kind = values.GetValueOrDefault("kind"),
            Model = values.GetValueOrDefault("model"),
            Version = values.GetValueOrDefault("version"),
            Input = values.GetValueOrDefault("input"),
            Output = values.GetValueOrDefault("output"),
            Priority = values.GetValueOrDefault("priority"),
            Precision = values.GetValueOrDefault("precision"),
            Budget = values.GetValueOrDefault("budget"),
        };
    }

    private static string? TextOf(JsonProperty property, List<GpuJobFieldError> errors)
    {
        var value = property.Value;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when property.Name == "version" && value.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            default:
                var kind = value.ValueKind.ToString().ToLowerInvariant();
                errors.Add(new(property.Name, $"must be a string, not {kind}"));
                return null;
        }
    }
}
