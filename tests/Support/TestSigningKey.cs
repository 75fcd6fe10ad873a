using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Frugal.Testing;

/// <summary>
/// An RSA key that stands in for one of Google's token signing keys: it mints Pub/Sub-style OIDC tokens and
/// publishes itself as a JSON Web Key Set.
/// </summary>
internal sealed class TestSigningKey : IDisposable
{
    public const string Issuer = "https://accounts.google.com";

    private readonly RSA _rsa = RSA.Create(2048);

    public TestSigningKey(string keyId = "frugal-test-key") => KeyId = keyId;

    public string KeyId { get; }

    /// <summary>The key set as Google publishes it: RSA public keys by key id.</summary>
    public string KeySetJson()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new { keys = new[] { key } });
    }

    /// <summary>A token as a Pub/Sub push carries it; each claim can be changed to make it wrong.</summary>
    public string Mint(PushClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = claims.Issuer,
            Audience = claims.Audience,
            IssuedAt = claims.IssuedAt.UtcDateTime,
            NotBefore = claims.IssuedAt.UtcDateTime,
            Expires = claims.Expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["email"] = claims.Email,
                ["email_verified"] = claims.EmailVerified,
                ["sub"] = "113774264463038321964",
            },
            SigningCredentials = new SigningCredentials(
                new RsaSecurityKey(claims.SignWith ?? _rsa) { KeyId = claims.KeyId ?? KeyId },
                SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}

/// <summary>The claims of a minted push token.</summary>
internal sealed record PushClaims(string Audience, string Email, DateTimeOffset IssuedAt)
{
    public string Issuer { get; init; } = TestSigningKey.Issuer;

    public DateTimeOffset Expires { get; init; } = IssuedAt.AddHours(1);

    public bool EmailVerified { get; init; } = true;

    public string? KeyId { get; init; }

    public RSA? SignWith { get; init; }
}
