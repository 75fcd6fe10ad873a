using Frugal.Engine.Billing;
using Frugal.Engine.Policies;
using Frugal.Hosting.State;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Billing;

/// <summary>
/// The host's state as the kill switch's memory of detached projects. The state is found through the policy
/// on each use, as the main job finds it, so both always agree on which state that is.
/// </summary>
internal sealed class HostBillingStore(IOptions<FrugalHostOptions> options, StateChoice state)
    : IProjectBillingStore
{
    public Task RecordDetachmentAsync(BillingDetachment detachment, CancellationToken ct) =>
        Open().RecordDetachmentAsync(detachment, ct);

    public Task<BillingDetachment?> FindDetachmentAsync(string projectId, CancellationToken ct) =>
        Open().FindDetachmentAsync(projectId, ct);

    public Task ForgetDetachmentAsync(string projectId, CancellationToken ct) =>
        Open().ForgetDetachmentAsync(projectId, ct);

    private IProjectBillingStore Open()
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, StatePath: settings.StatePath);
        return state.Open(BudgetJob.StatePath(request, PolicyLoader.LoadValid(settings.PolicyPath))).Billing;
    }
}
