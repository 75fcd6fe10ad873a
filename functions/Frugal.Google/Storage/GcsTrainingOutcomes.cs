using Frugal.Engine.Training;

namespace Frugal.Google.Storage;

/// <summary>
/// Reads a training job's outcome markers under a <c>gs://bucket/prefix</c> checkpoint URI: <c>_FRUGAL_SUCCEEDED</c>
/// or <c>_FRUGAL_FAILED</c> (whose content is the reason). When both exist the later one counts: a job that failed,
/// was restarted and then succeeded has succeeded.
/// </summary>
internal sealed class GcsTrainingOutcomes(GcsObjects objects) : ITrainingOutcomes
{
    public const string SucceededMarker = "_FRUGAL_SUCCEEDED";

    public const string FailedMarker = "_FRUGAL_FAILED";

    // A reason is for a person reading a report line, not a log dump.
    private const int MaxReasonLength = 2000;

    public async Task<TrainingOutcome?> ReadAsync(Uri checkpointUri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpointUri);
        if (!checkpointUri.IsAbsoluteUri || checkpointUri.Scheme != "gs" || checkpointUri.Host.Length == 0)
        {
            throw new ArgumentException($"'{checkpointUri}' is not a gs://bucket/prefix URI", nameof(checkpointUri));
        }

        var bucket = checkpointUri.Host;
        var prefix = Uri.UnescapeDataString(checkpointUri.AbsolutePath).Trim('/');
        var succeeded = await objects.GetAsync(bucket, Marker(prefix, SucceededMarker), ct).ConfigureAwait(false);
        var failed = await objects.GetAsync(bucket, Marker(prefix, FailedMarker), ct).ConfigureAwait(false);
        if (succeeded is not null && (failed is null || !(failed.UpdatedAt > succeeded.UpdatedAt)))
        {
            return new TrainingOutcome(true, null, succeeded.UpdatedAt);
        }

        if (failed is null)
        {
            return null;
        }

        var reason = await objects.ReadTextAsync(bucket, Marker(prefix, FailedMarker), failed.Generation, ct)
            .ConfigureAwait(false);
        return new TrainingOutcome(false, Shorten(reason), failed.UpdatedAt);
    }

    private static string Marker(string prefix, string marker) => prefix.Length == 0 ? marker : $"{prefix}/{marker}";

    private static string? Shorten(string? reason)
    {
        var text = reason?.Trim();
        return string.IsNullOrEmpty(text) ? null
            : text.Length <= MaxReasonLength ? text
            : text[..MaxReasonLength];
    }
}
