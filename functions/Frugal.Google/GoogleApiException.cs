using System.Net;
using System.Text.Json;

namespace Frugal.Google;

/// <summary>A Google API refused a call: the HTTP status, Google's status word and its message.</summary>
public sealed class GoogleApiException : Exception
{
    public GoogleApiException(string message)
        : base(message)
    {
    }

    public GoogleApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GoogleApiException()
    {
    }

    public GoogleApiException(string api, HttpStatusCode status, string? googleStatus, string? googleMessage)
        : this(api, status, googleStatus, googleMessage, [])
    {
    }

    public GoogleApiException(
        string api, HttpStatusCode status, string? googleStatus, string? googleMessage, IReadOnlyList<string> reasons)
        : base(Describe(api, status, googleStatus, googleMessage))
    {
        Status = status;
        GoogleStatus = googleStatus;
        GoogleMessage = googleMessage;
        Reasons = reasons;
    }

    public HttpStatusCode Status { get; }

    /// <summary>Google's status word, such as PERMISSION_DENIED or RESOURCE_EXHAUSTED, if the reply had one.</summary>
    public string? GoogleStatus { get; }

    /// <summary>Google's own message, without the HTTP status and hints this exception adds.</summary>
    public string? GoogleMessage { get; }

    /// <summary>
    /// The reasons Google gave (<c>error.errors[].reason</c>, <c>error.details[].reason</c>), such as quotaExceeded
    /// or ZONE_RESOURCE_POOL_EXHAUSTED: Compute names capacity and quota refusals only there.
    /// </summary>
    public IReadOnlyList<string> Reasons { get; } = [];

    internal static async Task<GoogleApiException> ReadAsync(
        string api, HttpResponseMessage response, CancellationToken ct)
    {
        string? status = null;
        string? message = null;
        var reasons = new List<string>();
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                status = error.TryGetProperty("status", out var s) ? s.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                reasons.AddRange(ReasonsIn(error, "errors"));
                reasons.AddRange(ReasonsIn(error, "details"));
            }
        }
        catch (JsonException)
        {
            // Not Google's error shape (a proxy's page, say): the HTTP status alone has to do.
        }

        return new GoogleApiException(api, response.StatusCode, status, message, reasons);
    }

    private static IEnumerable<string> ReasonsIn(JsonElement error, string list) =>
        error.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("reason", out _))
                .Select(i => i.GetProperty("reason").GetString())
                .OfType<string>()
                .ToList()
            : [];

    private static string Describe(string api, HttpStatusCode status, string? googleStatus, string? googleMessage)
    {
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " (the access token was refused: expired or revoked credentials)",
            HttpStatusCode.Forbidden => " (the credentials lack a permission this call needs)",
            HttpStatusCode.TooManyRequests => " (quota exhausted; retried as long as allowed)",
            _ => string.Empty,
        };
        var word = googleStatus is null ? string.Empty : $" {googleStatus}";
        var detail = string.IsNullOrWhiteSpace(googleMessage) ? string.Empty : $": {googleMessage}";
        return $"{api} answered {(int)status}{word}{detail}{hint}";
    }
}
