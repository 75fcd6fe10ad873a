using System.Text.Json;

namespace Frugal.GpuWorker.Protocol;

/// <summary>A response whose JSON is written straight to the body, without an intermediate object graph.</summary>
internal sealed class JsonBody(int statusCode, Action<Utf8JsonWriter> write) : IResult
{
    public int StatusCode => statusCode;

    public static JsonBody Error(int statusCode, string message) =>
        new(statusCode, writer => ProtocolJson.WriteError(writer, message));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
