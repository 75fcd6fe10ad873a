using System.Globalization;
using System.Text.Json;
using Frugal.Engine.ModelArchive;

namespace Frugal.ModelRegistry;

/// <summary>
/// The layout every registry shares with the gpu-worker: <c>{model}/{version}/{object}</c>, an optional
/// <c>{model}/aliases.json</c> mapping alias names to versions, and a <c>_last_served</c> marker in a version's
/// folder, kept up to date by the gpu-worker. Markers and Frugal's own files are not model objects.
/// </summary>
internal static class RegistryLayout
{
    public const string AliasesFile = "aliases.json";

    /// <summary>The local registry's sidecar per version: classes and metadata, since a folder has neither.</summary>
    public const string SidecarFile = "_frugal.json";

    /// <summary>The metadata key (or marker content) with the instant a version was last served, ISO 8601.</summary>
    public const string LastServedKey = "frugal-last-served";

    public static bool IsModelObject(string name) =>
        name != MarkerServingHistory.MarkerName && name != SidecarFile;

    /// <summary>Alias names per version from the text of an <c>aliases.json</c>; bad JSON is an error.</summary>
    public static Dictionary<string, List<string>> AliasesByVersion(string json, string where)
    {
        var byVersion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var alias in document.RootElement.EnumerateObject())
            {
                var version = alias.Value.ValueKind == JsonValueKind.Number
                    ? alias.Value.GetRawText()
                    : alias.Value.GetString() ?? "";
                if (!byVersion.TryGetValue(version, out var names))
                {
                    byVersion[version] = names = [];
                }

                names.Add(alias.Name);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Without its aliases a model's production version could look stale: refuse rather than guess.
            throw new Engine.FrugalInputException(
                $"{where}: not a JSON object of alias to version ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }

        return byVersion;
    }

    public static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    public static bool IsTrue(string? value) =>
        string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
