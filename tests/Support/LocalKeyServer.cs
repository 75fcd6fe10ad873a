using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frugal.Testing;

/// <summary>Publishes a test key set over real HTTP on 127.0.0.1, counting how often it is fetched.</summary>
internal sealed class LocalKeyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fetches;

    private LocalKeyServer(WebApplication app) => _app = app;

    public Uri KeysUri { get; private set; } = null!;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>What the server publishes; tests change it to simulate a key rotation.</summary>
    public string KeySetJson { get; set; } = """{"keys":[]}""";

    public static async Task<LocalKeyServer> StartAsync(string keySetJson)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LocalKeyServer(app) { KeySetJson = keySetJson };
        app.MapGet("/oauth2/v3/certs", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._fetches);
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(server.KeySetJson, "application/json");
        });
        await app.StartAsync().ConfigureAwait(false);
        server.KeysUri = new Uri(new Uri(app.Urls.First()), "/oauth2/v3/certs");
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
