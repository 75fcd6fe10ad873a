using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frugal.Kubernetes.Tests.StandIn;

/// <summary>
/// A local stand-in for a Kubernetes API server, serving autoscaling/v2 HPAs on 127.0.0.1. It decodes strictly
/// against the OpenAPI subset in shared/testdata (unknown fields and wrong types: 400), validates limits (422),
/// keeps resourceVersions and answers 409 to a stale one, 403 in a forbidden namespace, 404 for a missing HPA,
/// and pages lists with continue tokens. Only JSON merge patches are accepted, as Frugal sends.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private const string Root = "/apis/autoscaling/v2";
    private static readonly OpenApiSchema Schema =
        OpenApiSchema.Load(TestData.Path("k8s-hpa", "autoscaling_v2_hpa_openapi_subset.json"));

    private readonly HpaStore _store = new();
    private readonly WebApplication _app;

    private FakeApiServer(WebApplication app) => _app = app;

    public HpaStore Store => _store;

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests seen, as "METHOD path?query", in order.</summary>
    public IReadOnlyList<string> Requests => _store.Requests;

    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeApiServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First();
        server.Address = new Uri(address);
        return server;
    }

    /// <summary>A kubeconfig file pointing at this server, with a context of the given name.</summary>
    public string WriteKubeconfig(string folder, string context = "stand-in")
    {
        var path = Path.Combine(folder, $"kubeconfig-{context}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: other
            clusters:
              - name: stand-in
                cluster: {"{"} server: "{Address.ToString().TrimEnd('/')}" {"}"}
            users:
              - name: frugal
                user: {"{"} token: stand-in-token {"}"}
            contexts:
              - name: {context}
                context: {"{"} cluster: stand-in, user: frugal {"}"}
              - name: other
                context: {"{"} cluster: nowhere, user: frugal {"}"}
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _store.Record($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (_store.Stall > TimeSpan.Zero)
            {
                await Task.Delay(_store.Stall, context.RequestAborted);
            }

            if (_store.TakeThrottle() is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Write(context, 429, Status(429, "TooManyRequests", "slow down"));
                return;
            }

            await next(context);
        });
        app.MapGet($"{Root}/horizontalpodautoscalers", context => List(context, null));
        app.MapGet($"{Root}/namespaces/{{ns}}/horizontalpodautoscalers",
            context => List(context, (string)context.Request.RouteValues["ns"]!));
        app.MapGet($"{Root}/namespaces/{{ns}}/horizontalpodautoscalers/{{name}}", Get);
        app.MapMethods($"{Root}/namespaces/{{ns}}/horizontalpodautoscalers/{{name}}", ["PATCH"], Patch);
    }

    private Task List(HttpContext context, string? ns)
    {
        if (_store.IsForbidden(ns))
        {
            return Write(context, 403, Forbidden(ns, "list"));
        }

        var limit = int.TryParse(context.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 0;
        var offset = ContinueOffset(context.Request.Query["continue"]);
        if (offset is null)
        {
            return Write(context, 410, Status(410, "Expired", "the continue token is not valid"));
        }

        var (items, next, version) = _store.Page(ns, offset.Value, limit);
        var list = new JsonObject
        {
            ["kind"] = "HorizontalPodAutoscalerList",
            ["apiVersion"] = "autoscaling/v2",
            ["metadata"] = new JsonObject { ["resourceVersion"] = version },
            ["items"] = new JsonArray([.. items]),
        };
        if (next is { } nextOffset)
        {
            list["metadata"]!["continue"] = Convert.ToBase64String(
                Encoding.UTF8.GetBytes(nextOffset.ToString(CultureInfo.InvariantCulture)));
        }

        return Write(context, 200, list);
    }

    private Task Get(HttpContext context)
    {
        var (ns, name) = Names(context);
        if (_store.IsForbidden(ns))
        {
            return Write(context, 403, Forbidden(ns, "get"));
        }

        return _store.Get(ns, name) is { } hpa ? Write(context, 200, hpa) : Write(context, 404, NotFound(name));
    }

    private async Task Patch(HttpContext context)
    {
        var (ns, name) = Names(context);
        _store.RunPatchRace();
        if (_store.IsForbidden(ns))
        {
            await Write(context, 403, Forbidden(ns, "patch"));
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) != true)
        {
            await Write(context, 415, Status(415, "UnsupportedMediaType",
                $"the stand-in takes merge patches only, got {context.Request.ContentType}"));
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body);
        var (status, result) = _store.Patch(ns, name, body!.AsObject(), Schema);
        await Write(context, status, result);
    }

    private static (string Ns, string Name) Names(HttpContext context) =>
        ((string)context.Request.RouteValues["ns"]!, (string)context.Request.RouteValues["name"]!);

    private static int? ContinueOffset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            return int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static JsonObject Forbidden(string? ns, string verb) =>
        Status(403, "Forbidden", $"horizontalpodautoscalers.autoscaling is forbidden: User \"frugal\" cannot {verb} "
            + $"resource \"horizontalpodautoscalers\" in API group \"autoscaling\" "
            + (ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\""));

    private static JsonObject NotFound(string name) =>
        Status(404, "NotFound", $"horizontalpodautoscalers.autoscaling \"{name}\" not found");

    public static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static async Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
