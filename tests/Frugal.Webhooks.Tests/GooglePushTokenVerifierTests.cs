using System.Security.Cryptography;
using System.Text.Json;
using Frugal.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Webhooks.Tests;

public sealed class GooglePushTokenVerifierTests : IAsyncLifetime
{
    private const string Audience = "https://frugal.example.com/api/budget-alerts/gcp";
    private const string Email = "budget-push@ml-platform.iam.gserviceaccount.com";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero));
    private readonly TestSigningKey _key = new();
    private readonly HttpClient _http = new();
    private LocalKeyServer _keys = null!;

    public async ValueTask InitializeAsync() => _keys = await LocalKeyServer.StartAsync(_key.KeySetJson());

    [Fact]
    public async Task VerifyAsync_TokenFromTheServiceAccount_IsAccepted()
    {
        var token = _key.Mint(Claims());

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.True(check.IsValid, check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredDocsToken_IsRefused()
    {
        using var docs = JsonDocument.Parse(
            File.ReadAllText(TestData.Path("gcp-budget-pubsub", "pubsub_push_oidc_jwt_docs_example.json")));
        var header = docs.RootElement.GetProperty("authorizationHeader").GetString();

        var check = await Verifier(audience: "https://example.com", email: "gae-gcp@appspot.gserviceaccount.com")
            .VerifyAsync(header, TestContext.Current.CancellationToken);

        Assert.False(check.IsValid);
        Assert.Equal("the token's signing key is not one of Google's", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredBeyondTheSkew_IsRefused()
    {
        var token = _key.Mint(Claims() with { Expires = _time.GetUtcNow().AddMinutes(-2) });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token has expired", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredWithinTheSkew_IsAccepted()
    {
        var token = _key.Mint(Claims() with { Expires = _time.GetUtcNow().AddSeconds(-30) });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.True(check.IsValid, check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_WrongAudience_IsRefused()
    {
        var token = _key.Mint(Claims() with { Audience = "https://elsewhere.example.com" });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token is for another audience", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_WrongIssuer_IsRefused()
    {
        var token = _key.Mint(Claims() with { Issuer = "https://issuer.example.com" });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token is not from Google's issuer", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_OtherServiceAccount_IsRefused()
    {
        var token = _key.Mint(Claims() with { Email = "someone@ml-platform.iam.gserviceaccount.com" });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token is not from the configured service account", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_EmailNotVerified_IsRefused()
    {
        var token = _key.Mint(Claims() with { EmailVerified = false });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token is not from the configured service account", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKeyUnderAKnownKeyId_IsRefused()
    {
        using var forger = RSA.Create(2048);
        var token = _key.Mint(Claims() with { SignWith = forger });

        var check = await Verifier().VerifyAsync($"Bearer {token}", TestContext.Current.CancellationToken);

        Assert.Equal("the token's signature does not verify", check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_TamperedPayload_IsRefused()
    {
        var parts = _key.Mint(Claims()).Split('.');
        var forged = _key.Mint(Claims() with { Email = "someone@ml-platform.iam.gserviceaccount.com" }).Split('.');

        var check = await Verifier().VerifyAsync($"Bearer {parts[0]}.{forged[1]}.{parts[2]}",
            TestContext.Current.CancellationToken);

        Assert.Equal("the token's signature does not verify", check.Problem);
    }

    [Theory]
    [InlineData(null, "no bearer token")]
    [InlineData("", "no bearer token")]
    [InlineData("Basic dXNlcjpwYXNz", "no bearer token")]
    [InlineData("Bearer not-a-jwt", "the bearer token is not a JWT")]
    public async Task VerifyAsync_NoUsableToken_IsRefused(string? header, string problem)
    {
        var check = await Verifier().VerifyAsync(header, TestContext.Current.CancellationToken);

        Assert.Equal(problem, check.Problem);
    }

    [Fact]
    public async Task VerifyAsync_KeyRotated_RefreshesOnceForTheNewKeyId()
    {
        var verifier = Verifier();
        await verifier.VerifyAsync($"Bearer {_key.Mint(Claims())}", TestContext.Current.CancellationToken);
        using var rotated = new TestSigningKey("rotated-key");
        _keys.KeySetJson = rotated.KeySetJson();
        _time.Advance(TimeSpan.FromMinutes(1));

        var rotatedToken = rotated.Mint(Claims());

        var check = await verifier.VerifyAsync($"Bearer {rotatedToken}", TestContext.Current.CancellationToken);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(2, _keys.Fetches);
    }

    [Fact]
    public async Task VerifyAsync_UnknownKeyIdsInABurst_FetchTheKeysOnce()
    {
        var verifier = Verifier();

        for (var i = 0; i < 5; i++)
        {
            await verifier.VerifyAsync($"Bearer {_key.Mint(Claims() with { KeyId = $"made-up-{i}" })}",
                TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, _keys.Fetches);
    }

    [Fact]
    public async Task VerifyAsync_KnownKey_IsServedFromTheCache()
    {
        var verifier = Verifier();

        await verifier.VerifyAsync($"Bearer {_key.Mint(Claims())}", TestContext.Current.CancellationToken);
        await verifier.VerifyAsync($"Bearer {_key.Mint(Claims())}", TestContext.Current.CancellationToken);

        Assert.Equal(1, _keys.Fetches);
    }

    public async ValueTask DisposeAsync()
    {
        await _keys.DisposeAsync();
        _http.Dispose();
        _key.Dispose();
    }

    private PushClaims Claims() => new(Audience, Email, _time.GetUtcNow().AddMinutes(-1));

    private GooglePushTokenVerifier Verifier(string audience = Audience, string email = Email)
    {
        var options = new GcpPushAuthOptions
        {
            Audience = audience,
            ServiceAccountEmail = email,
            KeysUri = _keys.KeysUri,
        };
        var keys = new GoogleSigningKeys(_http, options.KeysUri, _time, NullLogger<GoogleSigningKeys>.Instance);
        return new GooglePushTokenVerifier(keys, options, _time);
    }
}
