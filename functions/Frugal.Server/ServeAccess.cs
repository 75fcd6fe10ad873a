using System.Net;
using Frugal.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// Who may submit work to <c>frugal serve</c>. The Functions app guards <c>POST /api/gpu-jobs</c> and
/// <c>POST /api/models/{model}/signals</c> with function keys; serve has none, so with <c>Frugal:Serve:ApiKey</c>
/// set those endpoints want it in <c>X-Frugal-Key</c>, and serve refuses to listen beyond loopback without it.
/// </summary>
public sealed class ServeAccessOptions
{
    public const string Section = "Frugal:Serve";

    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The URLs serve listens on, as given to Kestrel (set by <see cref="FrugalServer"/>).</summary>
    public string Urls { get; set; } = FrugalServer.DefaultUrl;
}

internal sealed class ServeAccessOptionsValidator : IValidateOptions<ServeAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeAccessOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            return ValidateOptionsResult.Success;
        }

        var open = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToList();
        return open.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ServeAccessOptions.Section}:ApiKey: serve would listen on " +
                $"{string.Join(", ", open)}, beyond this machine, with nothing guarding POST /api/gpu-jobs and " +
                "/api/models/{model}/signals; set a key (clients send it as X-Frugal-Key) or listen on 127.0.0.1");
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (http://*:8080, http://+:8080) parse badly as URIs; they bind every address.
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}

/// <summary>The endpoint filter that asks for <c>X-Frugal-Key</c> when serve has a key.</summary>
internal static class ServeKeyFilter
{
    public const string Header = "X-Frugal-Key";

    public static async ValueTask<object?> RequireAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetService<IOptions<ServeAccessOptions>>()?.Value;
        if (options is null || string.IsNullOrEmpty(options.ApiKey)
            || SharedSecret.Matches(options.ApiKey, context.HttpContext.Request.Headers[Header].ToString()))
        {
            return await next(context).ConfigureAwait(false);
        }

        return WebhookReply.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header}");
    }
}
