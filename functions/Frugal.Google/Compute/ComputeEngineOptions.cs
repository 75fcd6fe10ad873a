namespace Frugal.Google.Compute;

/// <summary>
/// How training VMs are attached to the network and followed, bound from <c>Frugal:Google:Compute</c>. The
/// defaults give a VM the project's default network and an external address, which a VM needs to reach Cloud
/// Storage unless its subnet has Private Google Access or the network a Cloud NAT.
/// </summary>
public sealed class ComputeEngineOptions
{
    /// <summary>The scope a VM's service account gets when <see cref="Scopes"/> names none.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>The VPC network as Compute names it (<c>global/networks/default</c>); may be empty with a
    /// subnetwork.</summary>
    public string? Network { get; set; } = "global/networks/default";

    /// <summary>A subnetwork (<c>regions/us-central1/subnetworks/training</c>), when not the network's
    /// default.</summary>
    public string? Subnetwork { get; set; }

    /// <summary>Whether a VM gets an ephemeral external address (an access config).</summary>
    public bool ExternalIp { get; set; } = true;

    /// <summary>OAuth scopes of the VM's service account; IAM roles do the real limiting.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>
    /// The least time between two polls of an unfinished operation: <c>zoneOperations.wait</c> may answer at once
    /// when Google is busy, and a loop around it must not spin.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one <c>zoneOperations.wait</c> call may take: Google holds it up to two minutes, longer than an
    /// ordinary call's attempt timeout.
    /// </summary>
    public TimeSpan WaitAttemptTimeout { get; set; } = TimeSpan.FromSeconds(150);

    internal IReadOnlyList<string> EffectiveScopes => Scopes.Count == 0 ? [CloudPlatformScope] : [.. Scopes];

    internal IReadOnlyList<string> Problems(string section)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Network) && string.IsNullOrWhiteSpace(Subnetwork))
        {
            problems.Add($"{section}:Network or {section}:Subnetwork must name where training VMs attach");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:PollInterval must be positive (is {PollInterval})");
        }

        if (WaitAttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:WaitAttemptTimeout must be positive (is {WaitAttemptTimeout})");
        }

        return problems;
    }
}
