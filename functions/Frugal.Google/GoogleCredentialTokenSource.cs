using System.Text.Json;
using Frugal.Engine;
using Google.Apis.Auth.OAuth2;

namespace Frugal.Google;

/// <summary>
/// Access tokens from Google.Apis.Auth: application default credentials, or the credential file configured (a
/// service-account key or a workload identity federation configuration, told apart by its <c>type</c>). The
/// credential is loaded once and refreshes its own token before it expires.
/// </summary>
public sealed class GoogleCredentialTokenSource(GoogleCloudOptions options) : IGoogleAccessTokenSource
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private ITokenAccess? _credential;

    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        var credential = _credential ?? await LoadAsync(ct).ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task<ITokenAccess> LoadAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_credential is null)
            {
                var credential = string.IsNullOrWhiteSpace(options.CredentialFile)
                    ? await GoogleCredential.GetApplicationDefaultAsync(ct).ConfigureAwait(false)
                    : await FromFileAsync(options.CredentialFile, ct).ConfigureAwait(false);
                _credential = credential.CreateScoped(CloudPlatformScope);
            }

            return _credential;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static async Task<GoogleCredential> FromFileAsync(string path, CancellationToken ct)
    {
        string type;
        try
        {
            await using var file = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(file, cancellationToken: ct).ConfigureAwait(false);
            type = document.RootElement.TryGetProperty("type", out var value) ? value.GetString() ?? "" : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new FrugalInputException($"{path}: cannot be read as a Google credential file: {ex.Message}", ex);
        }

        if (type is not ("service_account" or "external_account" or "authorized_user"
            or "impersonated_service_account"))
        {
            throw new FrugalInputException($"{path}: 'type' must be service_account or external_account, got '{type}'");
        }

        return await CredentialFactory.FromFileAsync(path, type, ct).ConfigureAwait(false);
    }
}
