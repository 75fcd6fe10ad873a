using Frugal.Engine.Billing;

namespace Frugal.Google;

/// <summary>
/// Cloud Billing's project billing: <c>projects.getBillingInfo</c> and <c>projects.updateBillingInfo</c> over REST.
/// An empty billing account name in the update detaches billing from the project.
/// </summary>
public sealed class CloudBillingClient(HttpClient http, IGoogleAccessTokenSource tokens)
    : GoogleRestClient(http, tokens, "Cloud Billing"), IProjectBillingProvider
{
    public async Task<ProjectBillingState> GetAsync(string projectId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var info = await SendAsync<ProjectBillingInfo>(
            HttpMethod.Get, $"v1/projects/{Escape(projectId)}/billingInfo", null, ct).ConfigureAwait(false);
        return info.ToState(projectId);
    }

    public async Task<ProjectBillingState> SetAsync(string projectId, string billingAccountName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(billingAccountName);
        var info = await SendAsync<ProjectBillingInfo>(
            HttpMethod.Put, $"v1/projects/{Escape(projectId)}/billingInfo",
            new BillingAccountChange(billingAccountName), ct).ConfigureAwait(false);
        return info.ToState(projectId);
    }

    /// <summary>The request body: only the account, since the other fields are read-only.</summary>
    private sealed record BillingAccountChange(string BillingAccountName);

    private sealed record ProjectBillingInfo(
        string? Name, string? ProjectId, string? BillingAccountName, bool? BillingEnabled)
    {
        public ProjectBillingState ToState(string projectId) =>
            new(ProjectId ?? projectId, BillingAccountName ?? string.Empty, BillingEnabled ?? false);
    }
}
