namespace Frugal.Google;

/// <summary>Gives the OAuth access token for Google API calls; tests put a fake in its place.</summary>
public interface IGoogleAccessTokenSource
{
    Task<string> GetAccessTokenAsync(CancellationToken ct);
}
