using Frugal.Google.Compute;

namespace Frugal.Google;

/// <summary>
/// How Frugal reaches Google Cloud, bound from <c>Frugal:Google</c>. Without <see cref="Enabled"/> nothing is
/// called: actions aimed at Google are recorded only.
/// </summary>
public sealed class GoogleCloudOptions
{
    public const string Section = "Frugal:Google";

    /// <summary>Whether Frugal may call Google Cloud at all (the billing kill switch among others).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A credential file: a service-account key or a workload identity federation configuration. When empty,
    /// application default credentials are used (GOOGLE_APPLICATION_CREDENTIALS, gcloud, the metadata server).
    /// </summary>
    public string? CredentialFile { get; set; }

    public Uri CloudBillingEndpoint { get; set; } = new("https://cloudbilling.googleapis.com/");

    public Uri BigQueryEndpoint { get; set; } = new("https://bigquery.googleapis.com/");

    public Uri ComputeEndpoint { get; set; } = new("https://compute.googleapis.com/");

    public Uri StorageEndpoint { get; set; } = new("https://storage.googleapis.com/");

    /// <summary>How training VMs are launched and followed (<c>Frugal:Google:Compute</c>).</summary>
    public ComputeEngineOptions Compute { get; set; } = new();

    /// <summary>How long one HTTP attempt may take before it is abandoned (and retried when safe).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take with all its retries.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Every setting that cannot work, each with its key, so start-up reports them all at once.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:AttemptTimeout must be positive (is {AttemptTimeout})");
        }

        if (CallTimeout < AttemptTimeout)
        {
            problems.Add($"{Section}:CallTimeout ({CallTimeout}) must be at least AttemptTimeout ({AttemptTimeout})");
        }

        foreach (var (key, endpoint) in Endpoints())
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http"))
            {
                problems.Add($"{Section}:{key} must be an absolute http(s) URL (is '{endpoint}')");
            }
        }

        problems.AddRange(Compute.Problems($"{Section}:Compute"));
        return problems;
    }

    private IEnumerable<(string Key, Uri Endpoint)> Endpoints() =>
    [
        (nameof(CloudBillingEndpoint), CloudBillingEndpoint),
        (nameof(BigQueryEndpoint), BigQueryEndpoint),
        (nameof(ComputeEndpoint), ComputeEndpoint),
        (nameof(StorageEndpoint), StorageEndpoint),
    ];
}
