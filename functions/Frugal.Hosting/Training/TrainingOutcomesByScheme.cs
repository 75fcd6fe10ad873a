using Frugal.Engine;
using Frugal.Engine.Training;

namespace Frugal.Hosting.Training;

/// <summary>
/// Reads a job's marker where its checkpoint URI points: <c>file://</c> from the local folder, anything else
/// (<c>gs://</c>) through the reader the host registered (Frugal.Google's), or a clear refusal when there is none.
/// </summary>
internal sealed class TrainingOutcomesByScheme(ITrainingOutcomes? registered) : ITrainingOutcomes
{
    private readonly LocalFolderTrainingOutcomes _local = new();

    public Task<TrainingOutcome?> ReadAsync(Uri checkpointUri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpointUri);
        if (checkpointUri.IsFile)
        {
            return _local.ReadAsync(checkpointUri, ct);
        }

        return registered?.ReadAsync(checkpointUri, ct)
            ?? throw new FrugalInputException(
                $"cannot read the outcome marker at {checkpointUri}: {checkpointUri.Scheme}:// needs access to " +
                "Google; set Frugal:Google:Enabled to true");
    }
}
