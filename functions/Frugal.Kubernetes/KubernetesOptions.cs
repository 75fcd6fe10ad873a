namespace Frugal.Kubernetes;

/// <summary>How Frugal talks to API servers: timeouts, retries and page size.</summary>
public sealed record KubernetesOptions
{
    /// <summary>How long one request may take before it is abandoned.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request refused with 429, 503 or 504 (the server asked to come back later).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The longest wait honoured from a <c>Retry-After</c> header; a longer one gives up at once.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per list page; the rest is fetched with the continue token.</summary>
    public int PageSize { get; init; } = 100;
}
