using Frugal.Engine.Training;

namespace Frugal.Hosting.Training;

/// <summary>
/// Outcome markers in a local folder (<c>file://</c> checkpoint URIs), for jobs run and tried from the command
/// line: <c>_FRUGAL_SUCCEEDED</c> or <c>_FRUGAL_FAILED</c> (its text the reason) inside the checkpoint folder.
/// </summary>
public sealed class LocalFolderTrainingOutcomes : ITrainingOutcomes
{
    public const string SucceededMarker = "_FRUGAL_SUCCEEDED";

    public const string FailedMarker = "_FRUGAL_FAILED";

    public async Task<TrainingOutcome?> ReadAsync(Uri checkpointUri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpointUri);
        if (!checkpointUri.IsFile)
        {
            throw new ArgumentException($"'{checkpointUri}' is not a file:// URI", nameof(checkpointUri));
        }

        var folder = checkpointUri.LocalPath;
        var failed = new FileInfo(Path.Combine(folder, FailedMarker));
        if (failed.Exists)
        {
            var reason = (await File.ReadAllTextAsync(failed.FullName, ct).ConfigureAwait(false)).Trim();
            return new TrainingOutcome(false, reason.Length == 0 ? null : reason, failed.LastWriteTimeUtc);
        }

        var succeeded = new FileInfo(Path.Combine(folder, SucceededMarker));
        return succeeded.Exists ? new TrainingOutcome(true, null, succeeded.LastWriteTimeUtc) : null;
    }
}
