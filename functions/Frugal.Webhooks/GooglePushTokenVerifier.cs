using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Frugal.Webhooks;

/// <summary>
/// Authenticates a Pub/Sub push: the bearer token must be an RS256 JWT signed by one of Google's keys, from Google's
/// issuer, for the configured audience, naming the configured service account as a verified email, and unexpired
/// (give or take the configured clock skew).
/// </summary>
public sealed class GooglePushTokenVerifier(GoogleSigningKeys keys, GcpPushAuthOptions options, TimeProvider time)
{
    private const string Bearer = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<PushTokenCheck> VerifyAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return PushTokenCheck.Refused("no bearer token");
        }

        var text = authorization[Bearer.Length..].Trim();
        if (!_handler.CanReadToken(text))
        {
            return PushTokenCheck.Refused("the bearer token is not a JWT");
        }

        var token = new JsonWebToken(text);
        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return PushTokenCheck.Refused("the token is not signed with RS256");
        }

        var key = await keys.FindAsync(token.Kid ?? string.Empty, ct).ConfigureAwait(false);
        if (key is null)
        {
            return PushTokenCheck.Refused("the token's signing key is not one of Google's");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(key)).ConfigureAwait(false);
        return result.IsValid ? CheckClaims(token) : PushTokenCheck.Refused(Reason(result.Exception));
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidIssuers = options.EffectiveIssuers,
        ValidAudience = options.Audience,
        RequireSignedTokens = true,

        // Expiry is checked against the injected clock below, not the machine's.
        ValidateLifetime = false,
        RequireExpirationTime = false,
    };

    private PushTokenCheck CheckClaims(JsonWebToken token)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue || token.ValidTo + options.ClockSkew < now)
        {
            return PushTokenCheck.Refused("the token has expired");
        }

        if (token.ValidFrom != DateTime.MinValue && token.ValidFrom - options.ClockSkew > now)
        {
            return PushTokenCheck.Refused("the token is not valid yet");
        }

        var email = token.TryGetPayloadValue<string>("email", out var value) ? value : null;
        var verified = token.TryGetPayloadValue<bool>("email_verified", out var flag) && flag;
        return verified && string.Equals(email, options.ServiceAccountEmail, StringComparison.OrdinalIgnoreCase)
            ? PushTokenCheck.Accepted
            : PushTokenCheck.Refused("the token is not from the configured service account");
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is not from Google's issuer",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "the token's signature does not verify",
        _ => "the token is not valid",
    };
}

/// <summary>Whether a push token was accepted, and why not.</summary>
public sealed record PushTokenCheck(bool IsValid, string? Problem)
{
    public static PushTokenCheck Accepted { get; } = new(true, null);

    public static PushTokenCheck Refused(string problem) => new(false, problem);
}
