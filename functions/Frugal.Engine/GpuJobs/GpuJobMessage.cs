using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The job message exactly as the gpu-worker reads it from its queue (JSON, camelCase): the request without the
/// budget, which is the control plane's business. High-priority messages go to the <c>-high</c> queue.
/// </summary>
public sealed record GpuJobMessage(
    string Id,
    string Kind,
    string Model,
    string? Version,
    string? Input,
    string? Output,
    string Priority,
    string? Precision)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    [JsonIgnore]
    public bool IsHighPriority => Priority == GpuJobWords.Of(GpuJobPriority.High);

    public static GpuJobMessage From(GpuJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new GpuJobMessage(request.Id, GpuJobWords.Of(request.Kind), request.Model, request.Version,
            request.Input, request.Output, GpuJobWords.Of(request.Priority), request.Precision);
    }

    /// <summary>The message body: plain UTF-8 JSON, which the worker reads as it is (it also accepts Base64).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
