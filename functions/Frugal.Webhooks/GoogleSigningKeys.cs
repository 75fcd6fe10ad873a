using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Frugal.Webhooks;

/// <summary>
/// Google's token signing keys, fetched from the published key set and cached for as long as its response says
/// (an hour when it says nothing). A key id not in the cache makes one refresh, since Google rotates its keys;
/// refreshes are at least half a minute apart, so tokens with made-up key ids cannot make Frugal hammer Google.
/// </summary>
public sealed partial class GoogleSigningKeys(
    HttpClient http, Uri keysUri, TimeProvider time, ILogger<GoogleSigningKeys> logger)
{
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private KeySnapshot _snapshot = KeySnapshot.Empty;

    /// <summary>The key with this id, or null when Google does not publish one.</summary>
    public async Task<SecurityKey?> FindAsync(string keyId, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        var known = snapshot.Keys.TryGetValue(keyId, out var key);
        if ((known && now < snapshot.ExpiresAt) || (!known && now - snapshot.AttemptedAt < MinRefreshInterval))
        {
            return key;
        }

        snapshot = await RefreshAsync(snapshot, ct).ConfigureAwait(false);
        return snapshot.Keys.GetValueOrDefault(keyId);
    }

    private async Task<KeySnapshot> RefreshAsync(KeySnapshot seen, CancellationToken ct)
    {
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _snapshot);
            if (!ReferenceEquals(current, seen))
            {
                return current;
            }

            var fresh = await FetchAsync(current, ct).ConfigureAwait(false);
            Volatile.Write(ref _snapshot, fresh);
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<KeySnapshot> FetchAsync(KeySnapshot current, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            using var response = await http.GetAsync(keysUri, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var keys = new JsonWebKeySet(json).Keys
                .Where(k => !string.IsNullOrEmpty(k.Kid))
                .ToDictionary(k => k.Kid, k => (SecurityKey)k, StringComparer.Ordinal);
            var maxAge = response.Headers.CacheControl?.MaxAge ?? DefaultMaxAge;
            LogKeysFetched(keys.Count);
            return new KeySnapshot(keys, now + maxAge, now);
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or TaskCanceledException
            && !ct.IsCancellationRequested)
        {
            // Keep the keys we have: Google keeps a retired key published for a while, so they stay good meanwhile.
            LogFetchFailed(ex);
            return current with { AttemptedAt = now };
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Fetched {Count} Google token signing keys")]
    private partial void LogKeysFetched(int count);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Cannot fetch Google's token signing keys")]
    private partial void LogFetchFailed(Exception exception);

    private sealed record KeySnapshot(
        IReadOnlyDictionary<string, SecurityKey> Keys, DateTimeOffset ExpiresAt, DateTimeOffset AttemptedAt)
    {
        public static KeySnapshot Empty { get; } =
            new(new Dictionary<string, SecurityKey>(), DateTimeOffset.MinValue, DateTimeOffset.MinValue);
    }
}
