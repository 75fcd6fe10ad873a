using Frugal.Engine.Inference;
using Frugal.Engine.Policies;
using Frugal.Hosting.State;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// The worker pool's usage as a long-running host records it: read from the GPU jobs in the host's state (the store
/// <c>Frugal:State:Provider</c> chooses, at the state path of <see cref="FrugalHostOptions"/> for SQLite); none
/// before the first result. A command with its own <c>--state</c> opens the store on that file instead.
/// </summary>
internal sealed class HostInferenceUsage(IOptions<FrugalHostOptions> options, StateChoice state) : IInferenceUsage
{
    public async Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, StatePath: settings.StatePath);
        var path = BudgetJob.StatePath(request, PolicyLoader.LoadValid(settings.PolicyPath));
        return state.OpenReadOnly(path) is { } stores
            ? await stores.InferenceUsage.ReadAsync(from, to, ct).ConfigureAwait(false)
            : [];
    }
}
