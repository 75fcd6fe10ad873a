using Frugal.Engine.Billing;

namespace Frugal.Engine.Tests.Billing;

/// <summary>Cloud Billing in memory: projects and their accounts, and every change asked for.</summary>
internal sealed class FakeBillingProvider : IProjectBillingProvider
{
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);

    public List<(string Project, string Account)> Changes { get; } = [];

    public Action? BeforeChange { get; set; }

    public FakeBillingProvider With(string project, string account)
    {
        _accounts[project] = account;
        return this;
    }

    public Task<ProjectBillingState> GetAsync(string projectId, CancellationToken ct) =>
        Task.FromResult(State(projectId));

    public Task<ProjectBillingState> SetAsync(string projectId, string billingAccountName, CancellationToken ct)
    {
        BeforeChange?.Invoke();
        Changes.Add((projectId, billingAccountName));
        _accounts[projectId] = billingAccountName;
        return Task.FromResult(State(projectId));
    }

    private ProjectBillingState State(string project)
    {
        var account = _accounts.GetValueOrDefault(project, string.Empty);
        return new ProjectBillingState(project, account, account.Length > 0);
    }
}

internal sealed class InMemoryBillingStore : IProjectBillingStore
{
    public Dictionary<string, BillingDetachment> Detachments { get; } = new(StringComparer.Ordinal);

    public Task RecordDetachmentAsync(BillingDetachment detachment, CancellationToken ct)
    {
        Detachments[detachment.ProjectId] = detachment;
        return Task.CompletedTask;
    }

    public Task<BillingDetachment?> FindDetachmentAsync(string projectId, CancellationToken ct) =>
        Task.FromResult(Detachments.GetValueOrDefault(projectId));

    public Task ForgetDetachmentAsync(string projectId, CancellationToken ct)
    {
        Detachments.Remove(projectId);
        return Task.CompletedTask;
    }
}
