using System.Globalization;
using System.Text.Json;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>An instance the Compute fake holds: what insert was sent, and what has happened to it since.</summary>
internal sealed class FakeComputeInstance
{
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    public required string Project { get; init; }

    public required string Zone { get; init; }

    public required string Name { get; init; }

    public required string Id { get; init; }

    /// <summary>The insert request's body, exactly as the client sent it.</summary>
    public required JsonElement InsertBody { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Status { get; internal set; } = "PROVISIONING";

    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    public string Fingerprint { get; internal set; } = string.Empty;

    public DateTimeOffset? LastStart { get; internal set; }

    public DateTimeOffset? LastStop { get; internal set; }

    public IReadOnlyDictionary<string, string> Labels => InsertBody.TryGetProperty("labels", out var labels)
        ? labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? string.Empty)
        : new Dictionary<string, string>();

    public string? TerminationAction => Scheduling("instanceTerminationAction");

    public string ProvisioningModel => Scheduling("provisioningModel") ?? "STANDARD";

    internal void ReplaceMetadata(IEnumerable<KeyValuePair<string, string>> items, string fingerprint)
    {
        _metadata.Clear();
        foreach (var (key, value) in items)
        {
            _metadata[key] = value;
        }

        Fingerprint = fingerprint;
    }

    internal Dictionary<string, object> ToResource(string zoneUrl) => Compact(new()
    {
        ["kind"] = "compute#instance",
        ["id"] = Id,
        ["name"] = Name,
        ["zone"] = zoneUrl,
        ["selfLink"] = $"{zoneUrl}/instances/{Name}",
        ["creationTimestamp"] = FakeCompute.Timestamp(CreatedAt),
        ["machineType"] = InsertBody.GetProperty("machineType").GetString(),
        ["status"] = Status,
        ["scheduling"] = InsertBody.TryGetProperty("scheduling", out var s) ? s : null,
        ["labels"] = Labels,
        ["metadata"] = new
        {
            kind = "compute#metadata",
            fingerprint = Fingerprint,
            items = _metadata.Select(m => new { key = m.Key, value = m.Value }).ToArray(),
        },
        ["lastStartTimestamp"] = LastStart is { } started ? FakeCompute.Timestamp(started) : null,
        ["lastStopTimestamp"] = LastStop is { } stopped ? FakeCompute.Timestamp(stopped) : null,
    });

    internal static Dictionary<string, object> Compact(Dictionary<string, object?> fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);

    private string? Scheduling(string field) =>
        InsertBody.TryGetProperty("scheduling", out var s) && s.TryGetProperty(field, out var v) ? v.GetString() : null;
}

/// <summary>A zone operation the Compute fake holds; it finishes after the polls its zone was scripted with.</summary>
internal sealed class FakeZoneOperation
{
    public required string Project { get; init; }

    public required string Zone { get; init; }

    public required string Name { get; init; }

    public required string OperationType { get; init; }

    public required string TargetLink { get; init; }

    public required string TargetId { get; init; }

    public required DateTimeOffset InsertTime { get; init; }

    public string User { get; init; } = "frugal@ml-platform.iam.gserviceaccount.com";

    public string Status { get; internal set; } = "PENDING";

    /// <summary>Polls (get or wait) left before it is done.</summary>
    public int PollsLeft { get; internal set; }

    public string? ErrorCode { get; internal set; }

    public string? ErrorMessage { get; internal set; }

    public int? HttpErrorStatusCode { get; internal set; }

    public string? HttpErrorMessage { get; internal set; }

    public DateTimeOffset? EndTime { get; internal set; }

    internal Action? Effect { get; set; }

    // A refusal decided at the call shows only once the operation is done, as Google reports it.
    private bool Failed => ErrorCode is not null && Status == "DONE";

    internal Dictionary<string, object> ToResource(string zoneUrl) => FakeComputeInstance.Compact(new()
    {
        ["kind"] = "compute#operation",
        ["id"] = Math.Abs(Name.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture),
        ["name"] = Name,
        ["zone"] = zoneUrl,
        ["operationType"] = OperationType,
        ["targetLink"] = TargetLink,
        ["targetId"] = TargetId,
        ["status"] = Status,
        ["user"] = User,
        ["progress"] = Status == "DONE" ? 100 : 0,
        ["insertTime"] = FakeCompute.Timestamp(InsertTime),
        ["startTime"] = FakeCompute.Timestamp(InsertTime),
        ["endTime"] = EndTime is { } end ? FakeCompute.Timestamp(end) : null,
        ["selfLink"] = $"{zoneUrl}/operations/{Name}",
        ["error"] = Failed ? new { errors = new[] { new { code = ErrorCode, message = ErrorMessage } } } : null,
        ["httpErrorStatusCode"] = Failed ? HttpErrorStatusCode : null,
        ["httpErrorMessage"] = Failed ? HttpErrorMessage : null,
    });
}
