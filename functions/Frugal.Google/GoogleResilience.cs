using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Frugal.Google;

/// <summary>
/// The resilience pipeline of every Google API client: a timeout over the whole call, retries with exponential
/// backoff and jitter that wait as long as a <c>Retry-After</c> header asks, and a timeout per attempt. Only calls
/// that are safe to repeat are retried: reads, PUTs, and POSTs that carry an idempotency key (BigQuery's requestId).
/// A 401 is not retried: the credential refreshes its token before expiry, so a refused token means revoked or
/// wrong credentials, which a retry cannot mend.
/// </summary>
public static class GoogleResilience
{
    /// <summary>Marks a request that may be sent again although its method is not idempotent.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("Frugal.Google.SafeToRetry");

    public static IHttpClientBuilder AddGoogleResilience(this IHttpClientBuilder builder, GoogleCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddResilienceHandler("google", pipeline =>
        {
            pipeline.AddTimeout(options.CallTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) &&
                    IsSafe(args.Context.GetRequestMessage())),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    internal static bool IsSafe(HttpRequestMessage? request) =>
        request is not null &&
        (request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete ||
         (request.Options.TryGetValue(SafeToRetry, out var safe) && safe));
}
