using System.Net;

namespace Frugal.Kubernetes;

/// <summary>
/// Retries a request the API server turned away for now (429 Too Many Requests, 503, 504), waiting as long as its
/// <c>Retry-After</c> header says, or 1, 2, 4 seconds when it says nothing. A patch is safe to send again: it
/// carries the resourceVersion it was made against, so a repeat of one that did land is refused with 409.
/// </summary>
internal sealed class RetryAfterHandler(KubernetesOptions options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, ct).ConfigureAwait(false);
            if (attempt >= options.MaxRetries || !IsRetryable(response.StatusCode))
            {
                return response;
            }

            var delay = Delay(response, attempt);
            if (delay > options.MaxRetryDelay)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Delay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }
}
