using System.Reflection;
using System.Text.Json;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Telemetry;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Protocol;

/// <summary>The Open Inference Protocol (v2) REST endpoints, as KServe and Triton serve them.</summary>
internal static partial class ProtocolEndpoints
{
    private static readonly string ServerVersion =
        typeof(ProtocolEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "0";

    public static void MapOpenInferenceProtocol(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2");
        v2.MapGet("/health/live", (HttpContext c, WorkerMetrics m) => Answer(c, m, "live", () => Live()));
        v2.MapGet("/health/ready",
            (HttpContext c, WorkerMetrics m) => Answer(c, m, "ready", () => ServerReadyAsync(c)));
        v2.MapGet("", (HttpContext c, WorkerMetrics m) => Answer(c, m, "server_metadata", () => ServerMetadata()));
        MapModel(v2, "/models/{model}");
        MapModel(v2, "/models/{model}/versions/{version}");
    }

    private static void MapModel(RouteGroupBuilder v2, string prefix)
    {
        v2.MapGet(prefix, (HttpContext c, WorkerMetrics m, string model, string? version) =>
            Answer(c, m, "model_metadata", () => ModelMetadataAsync(c, model, version)));
        v2.MapGet(prefix + "/ready", (HttpContext c, WorkerMetrics m, string model, string? version) =>
            Answer(c, m, "model_ready", () => ModelReadyAsync(c, model, version)));
        v2.MapPost(prefix + "/infer", (HttpContext c, WorkerMetrics m, string model, string? version) =>
            Answer(c, m, "infer", () => InferAsync(c, model, version)));
    }

    private static Task<IResult> Answer(
        HttpContext context, WorkerMetrics metrics, string endpoint, Func<IResult> handle) =>
        Answer(context, metrics, endpoint, () => Task.FromResult(handle()));

    private static async Task<IResult> Answer(
        HttpContext context, WorkerMetrics metrics, string endpoint, Func<Task<IResult>> handle)
    {
        IResult result;
        try
        {
            result = await handle().ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            result = JsonBody.Error(exception.StatusCode, exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(ProtocolEndpoints).FullName!);
            LogUnexpected(logger, endpoint, exception);
            result = JsonBody.Error(StatusCodes.Status500InternalServerError, $"internal error: {exception.Message}");
        }

        metrics.CountRequest(endpoint, result is JsonBody body ? body.StatusCode : StatusCodes.Status200OK);
        return result;
    }

    private static IResult Live() => new JsonBody(StatusCodes.Status200OK, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("live", true);
        w.WriteEndObject();
    });

    private static async Task<IResult> ServerReadyAsync(HttpContext context)
    {
        var provider = context.RequestServices.GetRequiredService<ExecutionProviderChoice>();
        var repository = context.RequestServices.GetRequiredService<IModelRepository>();
        string? fault = null;
        try
        {
            await repository.ListModelsAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
            or Azure.RequestFailedException or HttpRequestException)
        {
            fault = $"model repository {repository.Location} cannot be read: {exception.Message}";
        }

        return new JsonBody(fault is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ready", fault is null);
            w.WriteString("provider", provider.Name);
            if (provider.FallbackReason is not null)
            {
                w.WriteString("provider_fallback_reason", provider.FallbackReason);
            }

            if (fault is not null)
            {
                w.WriteString("error", fault);
            }

            w.WriteEndObject();
        });
    }

    private static IResult ServerMetadata() => new JsonBody(StatusCodes.Status200OK, w =>
    {
        w.WriteStartObject();
        w.WriteString("name", "frugal-gpu-worker");
        w.WriteString("version", ServerVersion);
        w.WriteStartArray("extensions");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static async Task<IResult> ModelMetadataAsync(HttpContext context, string model, string? version)
    {
        var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
        var sessions = context.RequestServices.GetRequiredService<ModelSessionCache>();
        var resolved = await catalog.ResolveAsync(model, version, context.RequestAborted).ConfigureAwait(false);
        var versions = await catalog.VersionsAsync(model, false, context.RequestAborted).ConfigureAwait(false);
        var loaded = await sessions.AcquireAsync(model, resolved, context.RequestAborted).ConfigureAwait(false);
        try
        {
            return new JsonBody(StatusCodes.Status200OK,
                w => ProtocolJson.WriteModelMetadata(w, model, version is null ? versions : [resolved], loaded));
        }
        finally
        {
            loaded.Release();
        }
    }

    private static async Task<IResult> ModelReadyAsync(HttpContext context, string model, string? version)
    {
        var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
        var sessions = context.RequestServices.GetRequiredService<ModelSessionCache>();
        var resolved = await catalog.ResolveAsync(model, version, context.RequestAborted).ConfigureAwait(false);
        string? fault = null;
        try
        {
            var loaded = await sessions.AcquireAsync(model, resolved, context.RequestAborted).ConfigureAwait(false);
            loaded.Release();
        }
        catch (ProtocolException exception)
        {
            fault = exception.Message;
        }

        // The protocol reads readiness from the status: 200 for ready, a 4xx for not.
        return new JsonBody(fault is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, w =>
        {
            w.WriteStartObject();
            w.WriteString("name", model);
            w.WriteString("version", resolved);
            w.WriteBoolean("ready", fault is null);
            if (fault is not null)
            {
                w.WriteString("error", fault);
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> InferAsync(HttpContext context, string model, string? version)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<WorkerOptions>>().Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new ProtocolException(StatusCodes.Status413PayloadTooLarge,
                $"request body of {context.Request.ContentLength} bytes is over the limit of {limit} bytes");
        }

        using var document = await ReadJsonAsync(context, limit).ConfigureAwait(false);
        var request = InferRequestReader.Read(document.RootElement);
        var service = context.RequestServices.GetRequiredService<InferenceService>();
        var result = await service.InferAsync(model, version, request, context.RequestAborted).ConfigureAwait(false);
        return new JsonBody(StatusCodes.Status200OK, w => ProtocolJson.WriteInferResponse(w, result, request.Id));
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpContext context, long limit)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw ProtocolException.BadRequest($"the request body is not valid JSON: {exception.Message}");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ProtocolException(exception.StatusCode,
                $"request body is over the limit of {limit} bytes");
        }
        catch (BadHttpRequestException exception)
        {
            throw new ProtocolException(exception.StatusCode, $"the request body cannot be read: {exception.Message}");
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Endpoint {Endpoint} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string endpoint, Exception exception);
}
