using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Billing;

/// <summary>
/// The billing kill switch: detaches billing from a project, recording first which account paid so that
/// <see cref="AttachAsync"/> can restore it. Detaching stops the project's paid resources, and some may be deleted.
/// </summary>
public sealed partial class ProjectBillingLever(
    IProjectBillingProvider provider,
    IProjectBillingStore store,
    TimeProvider time,
    ILogger<ProjectBillingLever> logger)
{
    public Task<ProjectBillingState> StatusAsync(string projectId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        return provider.GetAsync(projectId, ct);
    }

    /// <summary>Detaches billing; a project already detached is left as it is. Returns what happened.</summary>
    public async Task<BillingLeverResult> DetachAsync(string projectId, string reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var before = await provider.GetAsync(projectId, ct).ConfigureAwait(false);
        if (before.IsDetached)
        {
            return new BillingLeverResult(
                before, false, $"billing of {projectId} is already detached; nothing changed");
        }

        // Recorded before the change: a crash between the two leaves a record of an account still attached,
        // which is harmless, whereas the other order could lose the account to restore.
        await store.RecordDetachmentAsync(
            new BillingDetachment(projectId, before.BillingAccountName, time.GetUtcNow(), reason), ct)
            .ConfigureAwait(false);
        var after = await provider.SetAsync(projectId, string.Empty, ct).ConfigureAwait(false);
        LogDetached(projectId, before.BillingAccountName, reason);
        return new BillingLeverResult(after, true,
            $"billing detached from {projectId} (was {before.BillingAccountName}); " +
            $"'frugal billing attach --project {projectId}' restores it");
    }

    /// <summary>
    /// Attaches billing again: to <paramref name="billingAccountName"/> when given, else to the account recorded
    /// when Frugal detached it.
    /// </summary>
    public async Task<BillingLeverResult> AttachAsync(
        string projectId, string? billingAccountName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var account = string.IsNullOrWhiteSpace(billingAccountName)
            ? (await store.FindDetachmentAsync(projectId, ct).ConfigureAwait(false))?.BillingAccountName
            : NormalizeAccount(billingAccountName);
        if (account is null)
        {
            throw new FrugalInputException(
                $"no billing account is recorded for project {projectId}: Frugal did not detach it; " +
                "give --billing-account billingAccounts/XXXXXX-XXXXXX-XXXXXX");
        }

        var before = await provider.GetAsync(projectId, ct).ConfigureAwait(false);
        if (!before.IsDetached && string.Equals(before.BillingAccountName, account, StringComparison.Ordinal))
        {
            await store.ForgetDetachmentAsync(projectId, ct).ConfigureAwait(false);
            return new BillingLeverResult(
                before, false, $"{projectId} is already billed to {account}; nothing changed");
        }

        var after = await provider.SetAsync(projectId, account, ct).ConfigureAwait(false);
        await store.ForgetDetachmentAsync(projectId, ct).ConfigureAwait(false);
        LogAttached(projectId, account);
        return new BillingLeverResult(after, true, $"billing of {projectId} attached to {account}");
    }

    private static string NormalizeAccount(string account)
    {
        var trimmed = account.Trim();
        return trimmed.StartsWith("billingAccounts/", StringComparison.Ordinal)
            ? trimmed
            : $"billingAccounts/{trimmed}";
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning,
        Message = "Billing detached from project {Project} (was {Account}): {Reason}")]
    private partial void LogDetached(string project, string account, string reason);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information,
        Message = "Billing of project {Project} attached to {Account}")]
    private partial void LogAttached(string project, string account);
}

/// <summary>The project's billing after a lever was pulled, whether anything changed, and a line for people.</summary>
public sealed record BillingLeverResult(ProjectBillingState State, bool Changed, string Detail);
