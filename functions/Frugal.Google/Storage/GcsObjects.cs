using System.Globalization;

namespace Frugal.Google.Storage;

/// <summary>
/// Cloud Storage's <c>objects.get</c> over the JSON API: an object's metadata, or its content with
/// <c>alt=media</c>. A missing object is null, not an error.
/// </summary>
internal sealed class GcsObjects(HttpClient http, IGoogleAccessTokenSource tokens)
    : GoogleRestClient(http, tokens, "Cloud Storage")
{
    public async Task<StorageObject?> GetAsync(string bucket, string name, CancellationToken ct)
    {
        try
        {
            return await SendAsync<StorageObject>(HttpMethod.Get, ObjectPath(bucket, name), null, ct)
                .ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The content of one generation of an object as text, or null when that generation is gone.</summary>
    public async Task<string?> ReadTextAsync(string bucket, string name, string? generation, CancellationToken ct)
    {
        var uri = $"{ObjectPath(bucket, name)}?alt=media";
        if (!string.IsNullOrEmpty(generation))
        {
            uri += $"&generation={Escape(generation)}";
        }

        try
        {
            return await GetTextAsync(uri, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // The object name is one path segment: its slashes are escaped (%2F), as the JSON API wants.
    private static string ObjectPath(string bucket, string name) => $"b/{Escape(bucket)}/o/{Escape(name)}";
}

/// <summary>The fields of a Cloud Storage object Frugal reads: its generation and when it was last written.</summary>
internal sealed record StorageObject(string? Name, string? Generation, string? Updated)
{
    public DateTimeOffset? UpdatedAt =>
        DateTimeOffset.TryParse(Updated, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
