namespace Frugal.Webhooks;

/// <summary>
/// How budget webhooks authenticate their callers, bound from <c>Frugal:Webhooks</c>. An endpoint whose section is
/// not configured answers 404: it cannot tell a genuine alert from anyone else's post.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Frugal:Webhooks";

    public GcpPushAuthOptions Gcp { get; } = new();

    public AzureAlertAuthOptions Azure { get; } = new();
}

/// <summary>What a Pub/Sub push's OIDC token must say for the GCP budget webhook to accept it.</summary>
public sealed class GcpPushAuthOptions
{
    public static Uri GoogleKeysUri { get; } = new("https://www.googleapis.com/oauth2/v3/certs");

    public static IReadOnlyList<string> GoogleIssuers { get; } = ["https://accounts.google.com", "accounts.google.com"];

    /// <summary>The audience the push subscription puts in its tokens (by default the endpoint's URL).</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>The service account the push subscription signs as; the token's verified email must equal it.</summary>
    public string ServiceAccountEmail { get; set; } = string.Empty;

    /// <summary>Where Google publishes its token signing keys (a JSON Web Key Set).</summary>
    public Uri KeysUri { get; set; } = GoogleKeysUri;

    /// <summary>Accepted issuers; empty means Google's two spellings.</summary>
    public IList<string> Issuers { get; } = [];

    /// <summary>How far clocks may disagree when checking a token's expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => Audience.Length > 0 || ServiceAccountEmail.Length > 0;

    public IReadOnlyList<string> EffectiveIssuers => Issuers.Count > 0 ? [.. Issuers] : GoogleIssuers;
}

/// <summary>The shared secret an Azure action group's webhook URL or header carries.</summary>
public sealed class AzureAlertAuthOptions
{
    /// <summary>The secret itself; keep it in an app setting or Key Vault reference, never in the policy.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The header that may carry the secret.</summary>
    public string HeaderName { get; set; } = "X-Frugal-Secret";

    /// <summary>The query parameter that may carry it instead (action groups cannot set headers).</summary>
    public string QueryParameter { get; set; } = "secret";

    public bool IsConfigured => Secret.Length > 0;
}
