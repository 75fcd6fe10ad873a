using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frugal.Google;

/// <summary>
/// The common part of Frugal's Google REST clients: bearer token, JSON in and out, Google's error shape turned into
/// a <see cref="GoogleApiException"/>. The HttpClient brings the resilience pipeline (<see cref="GoogleResilience"/>)
/// and the API's base address.
/// </summary>
public abstract class GoogleRestClient(HttpClient http, IGoogleAccessTokenSource tokens, string api)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    protected async Task<T> SendAsync<T>(
        HttpMethod method, string relativeUri, object? body, CancellationToken ct, bool safeToRetry = false)
    {
        using var request = new HttpRequestMessage(method, relativeUri);
        request.Headers.Authorization =
            new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(ct).ConfigureAwait(false));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (safeToRetry)
        {
            request.Options.Set(GoogleResilience.SafeToRetry, true);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GoogleApiException.ReadAsync(api, response, ct).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct).ConfigureAwait(false)
            ?? throw new GoogleApiException($"{api} answered {(int)response.StatusCode} with no body");
    }

    /// <summary>A GET whose answer is the object itself, not JSON (Cloud Storage's <c>alt=media</c>).</summary>
    protected async Task<string> GetTextAsync(string relativeUri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri);
        request.Headers.Authorization =
            new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(ct).ConfigureAwait(false));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GoogleApiException.ReadAsync(api, response, ct).ConfigureAwait(false);
        }

        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    protected static string Escape(string segment) => Uri.EscapeDataString(segment);
}
