using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frugal.ModelRegistry.Tests;

/// <summary>
/// A local stand-in for the GCS JSON API, on 127.0.0.1 and a free port, holding one bucket in memory. It answers
/// objects.list (with paging), objects.get (metadata and media), objects.rewrite (a storage class change, done in
/// two calls so the client must follow the rewrite token), objects.delete and resumable uploads, and refuses with 400
/// any query parameter or body it does not expect, so a test fails when the adapter sends something the real API
/// would not.
/// </summary>
internal sealed class GcsStandIn : IAsyncDisposable
{
    private static readonly HashSet<string> Classes = ["STANDARD", "NEARLINE", "COLDLINE", "ARCHIVE"];
    private static readonly HashSet<string> Common = ["alt", "prettyPrint", "userProject"];

    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _uploads = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _generation = 1000;

    private GcsStandIn(WebApplication app) => _app = app;

    public string Bucket { get; } = "models";

    public string BaseUri { get; private set; } = "";

    public int PageSize { get; set; } = 2;

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<GcsStandIn> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new GcsStandIn(builder.Build());
        standIn._app.Run(standIn.HandleAsync);
        await standIn._app.StartAsync(ct);
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        standIn.BaseUri = $"{address}/storage/v1/";
        return standIn;
    }

    public void Put(
        string name, int size, string storageClass = "STANDARD", Dictionary<string, string>? metadata = null,
        byte[]? content = null) =>
        _objects[name] = new StoredObject(content ?? new byte[size], storageClass, metadata ?? [],
            Interlocked.Increment(ref _generation), DateTimeOffset.UtcNow);

    public string? ClassOf(string name) => _objects.TryGetValue(name, out var o) ? o.StorageClass : null;

    public byte[]? ContentOf(string name) => _objects.TryGetValue(name, out var o) ? o.Content : null;

    public IReadOnlyDictionary<string, string>? MetadataOf(string name) =>
        _objects.TryGetValue(name, out var o) ? o.Metadata : null;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToArray();
        var result = (request.Method, Route(segments)) switch
        {
            ("GET", ["b", var b, "o"]) when b == Bucket => List(request.Query),
            ("GET", ["b", var b, "o", var name]) when b == Bucket => Get(name, request.Query),
            ("DELETE", ["b", var b, "o", var name]) when b == Bucket => Delete(name, request.Query),
            ("POST", ["b", var b, "o"]) when b == Bucket && request.Path.StartsWithSegments("/upload") =>
                await StartUploadAsync(request),
            ("PUT", ["b", var b, "o"]) when b == Bucket && request.Path.StartsWithSegments("/upload") =>
                await FinishUploadAsync(request),
            ("POST", ["b", var b, "o", var source, "rewriteTo", "b", var d, "o", var target])
                when b == Bucket && d == b =>
                await RewriteAsync(source, target, request),
            _ => Error(400, $"the stand-in does not serve {request.Method} {request.Path}"),
        };
        await result.ExecuteAsync(http);
    }

    // Paths arrive as /storage/v1/b/... or, for media, /download/storage/v1/b/...; the object name is one segment.
    private static string[] Route(string[] segments)
    {
        var start = Array.IndexOf(segments, "b");
        return start < 0 ? [] : segments[start..];
    }

    private IResult List(IQueryCollection query)
    {
        if (Unexpected(query, "prefix", "pageToken", "maxResults", "projection") is { } bad)
        {
            return bad;
        }

        var prefix = query["prefix"].ToString();
        var names = _objects.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var after = query["pageToken"].ToString();
        var page = names
            .Where(n => after.Length == 0 || string.CompareOrdinal(n, after) > 0)
            .Take(PageSize + 1)
            .ToList();
        var body = new JsonObject
        {
            ["kind"] = "storage#objects",
            ["items"] = new JsonArray([.. page.Take(PageSize).Select(n => (JsonNode?)Resource(n, _objects[n]))]),
        };
        if (page.Count > PageSize)
        {
            body["nextPageToken"] = page[PageSize - 1];
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Get(string name, IQueryCollection query)
    {
        if (Unexpected(query, "projection", "generation") is { } bad)
        {
            return bad;
        }

        if (!_objects.TryGetValue(name, out var stored))
        {
            return Error(404, "No such object");
        }

        return query["alt"] == "media"
            ? Results.Bytes(stored.Content, "application/octet-stream")
            : Results.Text(Resource(name, stored).ToJsonString(), "application/json");
    }

    private IResult Delete(string name, IQueryCollection query) =>
        Unexpected(query) ?? (_objects.TryRemove(name, out _) ? Results.NoContent() : Error(404, "No such object"));

    private async Task<IResult> StartUploadAsync(HttpRequest request)
    {
        if (Unexpected(request.Query, "uploadType", "name", "projection", "ifGenerationMatch") is { } bad)
        {
            return bad;
        }

        if (request.Query["uploadType"] != "resumable")
        {
            return Error(400, $"the stand-in serves resumable uploads only, not '{request.Query["uploadType"]}'");
        }

        var (metadata, notJson) = await ReadJsonAsync(request);
        if (notJson is not null)
        {
            return notJson;
        }

        var name = request.Query["name"].ToString() is { Length: > 0 } fromQuery
            ? fromQuery
            : metadata?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return Error(400, "an upload needs the object's name");
        }

        var id = $"upload-{Interlocked.Increment(ref _generation)}";
        _uploads[id] = name;
        var location = $"{BaseUri.Replace("/storage/v1/", "", StringComparison.Ordinal)}/upload/storage/v1/b/" +
            $"{Bucket}/o?uploadType=resumable&upload_id={id}";
        return new LocationResult(location);
    }

    private async Task<IResult> FinishUploadAsync(HttpRequest request)
    {
        if (Unexpected(request.Query, "uploadType", "upload_id") is { } bad)
        {
            return bad;
        }

        if (!_uploads.TryRemove(request.Query["upload_id"].ToString(), out var name))
        {
            return Error(404, "no such upload session");
        }

        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content);
        Put(name, 0, content: content.ToArray());
        return Results.Text(Resource(name, _objects[name]).ToJsonString(), "application/json");
    }

    private async Task<IResult> RewriteAsync(string source, string target, HttpRequest request)
    {
        if (Unexpected(request.Query, "ifSourceGenerationMatch", "rewriteToken", "projection") is { } bad)
        {
            return bad;
        }

        if (source != target || !_objects.TryGetValue(source, out var stored))
        {
            return source != target ? Error(400, "Frugal rewrites in place only") : Error(404, "No such object");
        }

        var (body, notJson) = await ReadJsonAsync(request);
        if (notJson is not null)
        {
            return notJson;
        }

        var storageClass = body?["storageClass"]?.GetValue<string>();
        if (storageClass is null || !Classes.Contains(storageClass))
        {
            return Error(400, $"bad destination storageClass '{storageClass}'");
        }

        if (request.Query["ifSourceGenerationMatch"] != stored.Generation.ToString(CultureInfo.InvariantCulture))
        {
            return Error(412, "Precondition Failed");
        }

        // The first call makes progress and hands out a token; the client must come back with it to finish.
        var token = $"token-{stored.Generation}";
        if (request.Query["rewriteToken"].ToString() != token)
        {
            return Results.Text(Rewrite(stored, done: false, token).ToJsonString(), "application/json");
        }

        var metadata = body!["metadata"]?.Deserialize<Dictionary<string, string>>() ?? [];
        var rewritten = stored with
        {
            StorageClass = storageClass, Metadata = metadata, Generation = Interlocked.Increment(ref _generation),
            ClassChangedAt = DateTimeOffset.UtcNow,
        };
        _objects[source] = rewritten;
        var done = Rewrite(rewritten, done: true, null);
        done["resource"] = Resource(source, rewritten);
        return Results.Text(done.ToJsonString(), "application/json");
    }

    private static async Task<(JsonNode? Body, IResult? Error)> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            // The Google client gzips request bodies, as the real API allows.
            var gzipped = request.Headers.ContentEncoding.ToString() == "gzip";
            await using var content = gzipped
                ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress)
                : request.Body;
            return (await JsonNode.ParseAsync(content), null);
        }
        catch (JsonException ex)
        {
            return (null, Error(400, $"the body is not JSON: {ex.Message}"));
        }
    }

    private static IResult? Unexpected(IQueryCollection query, params string[] allowed) =>
        query.Keys.FirstOrDefault(k => !Common.Contains(k) && !allowed.Contains(k)) is { } key
            ? Error(400, $"unexpected query parameter '{key}'")
            : null;

    private JsonObject Resource(string name, StoredObject stored) => new()
    {
        ["kind"] = "storage#object",
        ["bucket"] = Bucket,
        ["name"] = name,
        ["generation"] = stored.Generation.ToString(CultureInfo.InvariantCulture),
        ["size"] = stored.Content.Length.ToString(CultureInfo.InvariantCulture),
        ["storageClass"] = stored.StorageClass,
        ["contentType"] = "application/octet-stream",
        ["timeCreated"] = Stamp(stored.Created),
        ["updated"] = Stamp(stored.Created),
        ["timeStorageClassUpdated"] = Stamp(stored.ClassChangedAt ?? stored.Created),
        ["metadata"] = JsonSerializer.SerializeToNode(stored.Metadata),
    };

    private static JsonObject Rewrite(StoredObject stored, bool done, string? token)
    {
        var response = new JsonObject
        {
            ["kind"] = "storage#rewriteResponse",
            ["totalBytesRewritten"] = (done ? stored.Content.Length : 0).ToString(CultureInfo.InvariantCulture),
            ["objectSize"] = stored.Content.Length.ToString(CultureInfo.InvariantCulture),
            ["done"] = done,
        };
        if (token is not null)
        {
            response["rewriteToken"] = token;
        }

        return response;
    }

    private static IResult Error(int status, string message) => Results.Text(
        new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } }.ToJsonString(),
        "application/json", statusCode: status);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
        CultureInfo.InvariantCulture);

    /// <summary>A resumable upload's first answer: 200 with the session address in Location.</summary>
    private sealed class LocationResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            httpContext.Response.StatusCode = 200;
            return Task.CompletedTask;
        }
    }

    private sealed record StoredObject(
        byte[] Content, string StorageClass, Dictionary<string, string> Metadata, long Generation,
        DateTimeOffset Created)
    {
        public DateTimeOffset? ClassChangedAt { get; init; }
    }
}
