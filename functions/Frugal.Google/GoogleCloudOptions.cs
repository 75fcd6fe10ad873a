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

    /// <summary>How long one HTTP attempt may take before it is abandoned (and retried when safe).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take with all its retries.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
