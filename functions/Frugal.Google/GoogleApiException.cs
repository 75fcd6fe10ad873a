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
        : base(Describe(api, status, googleStatus, googleMessage))
    {
        Status = status;
        GoogleStatus = googleStatus;
    }

    public HttpStatusCode Status { get; }

    /// <summary>Google's status word, such as PERMISSION_DENIED or RESOURCE_EXHAUSTED, if the reply had one.</summary>
    public string? GoogleStatus { get; }

    internal static async Task<GoogleApiException> ReadAsync(
        string api, HttpResponseMessage response, CancellationToken ct)
    {
        string? status = null;
        string? message = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                status = error.TryGetProperty("status", out var s) ? s.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not Google's error shape (a proxy's page, say): the HTTP status alone has to do.
        }

        return new GoogleApiException(api, response.StatusCode, status, message);
    }

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
