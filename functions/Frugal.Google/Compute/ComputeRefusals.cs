using System.Globalization;
using System.Net;
using System.Text;
using Frugal.Engine.Training;
using Polly.Timeout;

namespace Frugal.Google.Compute;

/// <summary>
/// Sorts Compute's refusals: a zone without capacity or a project without quota is an answer the scheduler acts on
/// (try the next zone), so it becomes a finished operation with errors; anything else is a
/// <see cref="ComputeRequestException"/>, transient when the same request may succeed later.
/// </summary>
internal static class ComputeRefusals
{
    // Compared without case and underscores: Google writes QUOTA_EXCEEDED on operations and quotaExceeded in HTTP
    // error reasons.
    private static readonly HashSet<string> CapacityCodes = new(
        [
            "ZONERESOURCEPOOLEXHAUSTED", "ZONERESOURCEPOOLEXHAUSTEDWITHDETAILS", "QUOTAEXCEEDED",
            "RESOURCENOTAVAILABLE", "RESOURCEEXHAUSTED", "NOTENOUGHRESOURCES", "STOCKOUT",
        ],
        StringComparer.Ordinal);

    public static bool IsCapacity(string code) => CapacityCodes.Contains(Squash(code));

    /// <summary>The capacity or quota reason in a refused call, as an operation error code (QUOTA_EXCEEDED).</summary>
    public static ComputeOperationError? CapacityError(GoogleApiException refusal) =>
        refusal.Reasons.FirstOrDefault(IsCapacity) is { } reason
            ? new ComputeOperationError(UpperSnake(reason), refusal.GoogleMessage)
            : null;

    public static bool IsNotFound(Exception e) => e is GoogleApiException { Status: HttpStatusCode.NotFound };

    /// <summary>What an HTTP call threw, as the contract's exception; null when it is not ours to map.</summary>
    public static ComputeRequestException? ToRequestException(Exception e, string what) => e switch
    {
        GoogleApiException g => new ComputeRequestException(
            $"{what}: {g.Message}", (int)g.Status == 0 ? null : (int)g.Status, IsTransient(g.Status), g),
        HttpRequestException h => new ComputeRequestException(
            $"{what}: Compute Engine could not be reached ({h.Message})", null, transient: true, h),
        TimeoutRejectedException t => new ComputeRequestException(
            $"{what}: Compute Engine did not answer in time", null, transient: true, t),
        _ => null,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Squash(string code) =>
        code.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string UpperSnake(string code)
    {
        if (code.Contains('_', StringComparison.Ordinal) || code.All(c => !char.IsLower(c)))
        {
            return code.ToUpperInvariant();
        }

        var text = new StringBuilder();
        foreach (var c in code)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToUpper(c, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
