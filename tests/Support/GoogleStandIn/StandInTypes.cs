using System.Text.Json;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>A request the stand-in accepted: the discovery method, its path parameters, query and body.</summary>
internal sealed record StandInCall(
    string MethodId,
    IReadOnlyDictionary<string, string> PathParameters,
    IReadOnlyDictionary<string, string> Query,
    JsonElement? Body);

/// <summary>What the stand-in answers to a call.</summary>
internal sealed record StandInReply(int Status, object? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StandInReply Unauthenticated { get; } = Error(401, "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid " +
        "authentication credential.");

    public static StandInReply Ok(object body) => new(200, body);

    /// <summary>An object's content, sent as it is rather than as JSON (Cloud Storage's <c>alt=media</c>).</summary>
    public static StandInReply Media(string content, string contentType = "text/plain") =>
        new(200, new StandInMedia(content, contentType));

    /// <summary>Compute's error shape: the reason sits in <c>error.errors[]</c>, beside a domain.</summary>
    public static StandInReply ComputeError(
        int status, string reason, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new
        {
            error = new { code = status, message, errors = new[] { new { message, domain = "global", reason } } },
        }, headers);

    public static StandInReply Error(
        int status, string googleStatus, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new { error = new { code = status, message, status = googleStatus } }, headers);
}

/// <summary>A body written as raw bytes of the given type.</summary>
internal sealed record StandInMedia(string Content, string ContentType);

/// <summary>Failures the stand-in can be told to give, as Google gives them.</summary>
internal abstract record StandInFault
{
    public static StandInFault ExpiredToken { get; } = new Reply(StandInReply.Unauthenticated);

    public static StandInFault PermissionDenied { get; } = new Reply(StandInReply.Error(403, "PERMISSION_DENIED",
        "The caller does not have permission"));

    public static StandInFault ServerError { get; } = new Reply(StandInReply.Error(500, "INTERNAL",
        "Internal error encountered."));

    public static StandInFault TooManyRequests(int retryAfterSeconds) => new Reply(StandInReply.Error(429,
        "RESOURCE_EXHAUSTED", "Quota exceeded.",
        new Dictionary<string, string>
        {
            ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    public static StandInFault Unavailable(int retryAfterSeconds) => new Reply(StandInReply.Error(503,
        "UNAVAILABLE", "The service is currently unavailable.",
        new Dictionary<string, string>
        {
            ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    /// <summary>Holds the answer back this long (for timeouts), then answers as scripted.</summary>
    public static StandInFault Delay(TimeSpan delay) => new Hold(delay);

    internal sealed record Reply(StandInReply Answer) : StandInFault;

    internal sealed record Hold(TimeSpan Duration) : StandInFault;
}
