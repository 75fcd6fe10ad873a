using Frugal.Engine.Inference;
using Frugal.Engine.Policies;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// The worker pool's usage as a long-running host records it: read from the GPU jobs in the host's state file
/// (<see cref="FrugalHostOptions"/>); none before the first result. A command with its own <c>--state</c> opens
/// <see cref="SqliteGpuJobStore"/> on that file instead.
/// </summary>
internal sealed class HostInferenceUsage(IOptions<FrugalHostOptions> options) : IInferenceUsage
{
    public async Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, StatePath: settings.StatePath);
        var path = BudgetJob.StatePath(request, PolicyLoader.LoadValid(settings.PolicyPath));
        return SqliteGpuJobStore.OpenReadOnly(path) is { } store
            ? await store.ReadAsync(from, to, ct).ConfigureAwait(false)
            : [];
    }
}
