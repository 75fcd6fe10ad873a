namespace Frugal.Engine.Billing;

/// <summary>
/// A project's link to a billing account as the cloud reports it. <see cref="BillingAccountName"/> is the
/// account's resource name (<c>billingAccounts/012345-567890-ABCDEF</c>), empty when billing is detached.
/// </summary>
public sealed record ProjectBillingState(string ProjectId, string BillingAccountName, bool BillingEnabled)
{
    public bool IsDetached => !BillingEnabled || string.IsNullOrEmpty(BillingAccountName);
}

/// <summary>A detachment Frugal made, kept so that billing can be attached again to the same account.</summary>
public sealed record BillingDetachment(
    string ProjectId, string BillingAccountName, DateTimeOffset DetachedAt, string Reason);

/// <summary>
/// Reads and changes which billing account pays for a project (Cloud Billing's getBillingInfo and
/// updateBillingInfo). Behind this interface so that an official client library can take the REST client's place.
/// </summary>
public interface IProjectBillingProvider
{
    Task<ProjectBillingState> GetAsync(string projectId, CancellationToken ct);

    /// <summary>Links the project to <paramref name="billingAccountName"/>; an empty name detaches billing.</summary>
    Task<ProjectBillingState> SetAsync(string projectId, string billingAccountName, CancellationToken ct);
}

/// <summary>Remembers the billing account a project had before Frugal detached it.</summary>
public interface IProjectBillingStore
{
    /// <summary>Records (or replaces) the project's detachment.</summary>
    Task RecordDetachmentAsync(BillingDetachment detachment, CancellationToken ct);

    Task<BillingDetachment?> FindDetachmentAsync(string projectId, CancellationToken ct);

    /// <summary>Forgets the detachment once billing is attached again.</summary>
    Task ForgetDetachmentAsync(string projectId, CancellationToken ct);
}
