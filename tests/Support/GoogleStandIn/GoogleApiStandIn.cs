using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// A local stand-in for Google APIs, generic over discovery documents: each request must match a discovery method
/// (verb and path template), carry an access token it issued, pass only declared query parameters with the
/// required ones present, and send a body that fits the method's request schema (unknown fields are refused with
/// 400, as a misspelt field would be by Google). Answers come from scripts per method id, checked against the
/// response schema; faults (401, 403, 429 with Retry-After, 500, delays) can be queued per method. It also serves
/// an OAuth token endpoint that checks a service account's signed assertion, so real credential files work.
/// </summary>
internal sealed class GoogleApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<DiscoveryDocument> _documents;
    private readonly ConcurrentDictionary<string, Func<StandInCall, StandInReply>> _scripts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StandInFault>> _faults = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentQueue<StandInCall> _calls = new();
    private readonly RSA _serviceAccountKey = RSA.Create(2048);
    private readonly Lazy<FakeCompute> _compute;
    private readonly Lazy<FakeCloudStorage> _storage;
    private int _attempts;

    private GoogleApiStandIn(WebApplication app, IReadOnlyList<DiscoveryDocument> documents)
    {
        _app = app;
        _documents = documents;
        _compute = new(() => new FakeCompute(this));
        _storage = new(() => new FakeCloudStorage(this));
    }

    public Uri BaseUri { get; private set; } = null!;

    public Uri TokenUri => new(BaseUri, "token");

    /// <summary>
    /// An in-memory Compute Engine (instances, zone operations, scripted capacity, quota, preemption, slowness),
    /// serving every Compute method Frugal calls. Created on first use, so scripts of one's own still work.
    /// </summary>
    public FakeCompute Compute => _compute.Value;

    /// <summary>In-memory Cloud Storage objects, for <c>objects.get</c> (metadata and <c>alt=media</c>).</summary>
    public FakeCloudStorage Storage => _storage.Value;

    /// <summary>Calls that reached a script or a fault, in order.</summary>
    public IReadOnlyCollection<StandInCall> Calls => _calls;

    /// <summary>Every request that matched a method, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static Task<GoogleApiStandIn> StartAsync(params string[] discoveryPaths) =>
        StartAsync([.. discoveryPaths.Select(DiscoveryDocument.Load)]);

    public static async Task<GoogleApiStandIn> StartAsync(IReadOnlyList<DiscoveryDocument> documents)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new GoogleApiStandIn(app, documents);
        app.Run(standIn.ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        standIn.BaseUri = new Uri(app.Urls.First() + "/");
        return standIn;
    }

    /// <summary>The discovery documents of ../shared/testdata/gcp-discovery plus Frugal's constructed ones.</summary>
    public static Task<GoogleApiStandIn> StartWithAllAsync() => StartAsync(
    [
        DiscoveryDocument.Load(TestData.Path("gcp-discovery", "cloudbilling.v1.json")),
        ComputeDiscovery.Load(),
        DiscoveryDocument.Load(Constructed("bigquery.v2.subset.CONSTRUCTED.json")),
        DiscoveryDocument.Load(Constructed("storage.v1.subset.CONSTRUCTED.json")),
    ]);

    public void On(string methodId, Func<StandInCall, StandInReply> script) => _scripts[methodId] = script;

    public void Fail(string methodId, StandInFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(methodId, _ => new ConcurrentQueue<StandInFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>An access token the stand-in accepts, for clients given a fake token source.</summary>
    public string IssueToken()
    {
        var token = $"standin-{Guid.NewGuid():N}";
        _tokens[token] = true;
        return token;
    }

    /// <summary>A service-account key file whose token_uri is this stand-in's token endpoint.</summary>
    public string ServiceAccountKeyJson(string email = "frugal@ml-platform.iam.gserviceaccount.com") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "ml-platform",
            ["private_key_id"] = "standin-key",
            ["private_key"] = _serviceAccountKey.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = email,
            ["client_id"] = "1234567890",
            ["token_uri"] = TokenUri.ToString(),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _serviceAccountKey.Dispose();
    }

    private static string Constructed(string file) =>
        Path.Combine(AppContext.BaseDirectory, "Support", "GoogleStandIn", file);

    private async Task<IResult> IssueTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }

        var check = await new JsonWebTokenHandler().ValidateTokenAsync(form["assertion"].ToString(),
            new TokenValidationParameters
            {
                IssuerSigningKey = new RsaSecurityKey(_serviceAccountKey.ExportParameters(false)),
                // Google.Apis.Auth addresses the assertion to Google's token endpoint even when it posts elsewhere.
                ValidAudiences = [TokenUri.ToString(), "https://oauth2.googleapis.com/token"],
                ValidateIssuer = false,
            }).ConfigureAwait(false);
        return check.IsValid
            ? Results.Json(new { access_token = IssueToken(), expires_in = 3600, token_type = "Bearer" })
            : Results.Json(
                new { error = "invalid_grant", error_description = check.Exception?.GetType().Name }, statusCode: 400);
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/token")
        {
            await (await IssueTokenAsync(context).ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var reply = await AnswerAsync(context.Request).ConfigureAwait(false);
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is StandInMedia media)
        {
            context.Response.ContentType = media.ContentType;
            await context.Response.WriteAsync(media.Content).ConfigureAwait(false);
        }
        else if (reply.Body is not null)
        {
            await context.Response.WriteAsJsonAsync(reply.Body, reply.Body.GetType()).ConfigureAwait(false);
        }
    }

    private async Task<StandInReply> AnswerAsync(HttpRequest request)
    {
        var (method, pathParameters) = Find(request);
        if (method is null)
        {
            return StandInReply.Error(404, "NOT_FOUND", $"no discovery method serves {request.Method} {request.Path}");
        }

        Interlocked.Increment(ref _attempts);
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(auth["Bearer ".Length..]))
        {
            return StandInReply.Unauthenticated;
        }

        var (call, problem) = await ReadCallAsync(request, method, pathParameters!).ConfigureAwait(false);
        if (problem is not null)
        {
            return StandInReply.Error(400, "INVALID_ARGUMENT", $"{method.Id}: {problem}");
        }

        _calls.Enqueue(call!);
        return await ScriptedAsync(method, call!).ConfigureAwait(false);
    }

    private async Task<StandInReply> ScriptedAsync(DiscoveryMethod method, StandInCall call)
    {
        if (_faults.TryGetValue(method.Id, out var faults) && faults.TryDequeue(out var fault))
        {
            if (fault is StandInFault.Reply failure)
            {
                return failure.Answer;
            }

            await Task.Delay(((StandInFault.Hold)fault).Duration).ConfigureAwait(false);
        }

        if (!_scripts.TryGetValue(method.Id, out var script))
        {
            return StandInReply.Error(501, "UNIMPLEMENTED", $"the stand-in has no script for {method.Id}");
        }

        var reply = script(call);
        if (reply.Status == 200 && method.ResponseSchema is { } schema && reply.Body is not (null or StandInMedia))
        {
            var body = JsonSerializer.SerializeToElement(reply.Body);
            var problems = SchemaCheck.Problems(body, schema, method.Document.Schemas);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"the script for {method.Id} answers off-schema: {problems[0]}");
            }
        }

        return reply;
    }

    private (DiscoveryMethod? Method, IReadOnlyDictionary<string, string>? PathParameters) Find(HttpRequest request)
    {
        var path = request.Path.Value?.TrimStart('/') ?? string.Empty;
        foreach (var document in _documents.Where(d => path.StartsWith(d.ServicePath, StringComparison.Ordinal)))
        {
            var relative = path[document.ServicePath.Length..];
            foreach (var method in document.Methods.Where(m => m.HttpMethod == request.Method))
            {
                if (method.MatchPath(relative) is { } parameters)
                {
                    return (method, parameters);
                }
            }
        }

        return (null, null);
    }

    private static async Task<(StandInCall? Call, string? Problem)> ReadCallAsync(
        HttpRequest request, DiscoveryMethod method, IReadOnlyDictionary<string, string> pathParameters)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        foreach (var key in query.Keys)
        {
            var declared = method.Parameters.TryGetValue(key, out var parameter) && parameter.Location == "query";
            if (!declared && !method.Document.GlobalParameters.Contains(key))
            {
                return (null, $"unknown query parameter '{key}'");
            }
        }

        var missing = method.Parameters.Values
            .FirstOrDefault(p => p.Location == "query" && p.Required && !query.ContainsKey(p.Name));
        if (missing is not null)
        {
            return (null, $"required query parameter '{missing.Name}' is missing");
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        if (method.RequestSchema is null)
        {
            return text.Length == 0
                ? (new StandInCall(method.Id, pathParameters, query, null), null)
                : (null, "this method takes no body");
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return (null, "the body is not JSON");
        }

        var problems = SchemaCheck.Problems(body, method.RequestSchema, method.Document.Schemas);
        return problems.Count > 0
            ? (null, string.Join("; ", problems))
            : (new StandInCall(method.Id, pathParameters, query, body), null);
    }
}
