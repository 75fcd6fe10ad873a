namespace Frugal.Google.Compute;

/// <summary>
/// <c>zoneOperations.wait</c> and <c>get</c>, on an HttpClient of their own: Google holds a wait up to two minutes,
/// so its attempt timeout is longer than other calls'. Both only read, so both may be repeated.
/// </summary>
internal sealed class ZoneOperationWaits(HttpClient http, IGoogleAccessTokenSource tokens)
    : GoogleRestClient(http, tokens, "Compute Engine")
{
    public Task<OperationResource> WaitAsync(string operationPath, CancellationToken ct) =>
        SendAsync<OperationResource>(HttpMethod.Post, $"{operationPath}/wait", null, ct, safeToRetry: true);

    public Task<OperationResource> GetAsync(string operationPath, CancellationToken ct) =>
        SendAsync<OperationResource>(HttpMethod.Get, operationPath, null, ct);

    /// <summary>The wait client's settings: a long attempt and room for one retry after it.</summary>
    public static GoogleCloudOptions Options(GoogleCloudOptions options) => new()
    {
        Enabled = options.Enabled,
        AttemptTimeout = options.Compute.WaitAttemptTimeout,
        CallTimeout = options.Compute.WaitAttemptTimeout * 2 + options.CallTimeout,
    };
}
