using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Frugal.Hosting.Steps;
using Frugal.ModelRegistry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// <c>frugal serve</c>: Frugal as one long-running process for a VM or a cluster. Kestrel serves the budget
/// webhooks and a health endpoint (on 127.0.0.1 unless told otherwise) while every scheduled step runs in-process
/// on its schedule. Settings come from the options given, then <c>Frugal__*</c> environment variables.
/// </summary>
public static class FrugalServer
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Builds the server; <paramref name="configure"/> may replace services (tests swap the clock).</summary>
    public static WebApplication Build(FrugalServerRequest request, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.GetDirectoryName(Path.GetFullPath(request.PolicyPath)),
        });
        builder.Configuration.AddInMemoryCollection(Settings(request));
        builder.WebHost.UseUrls(request.Urls ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = BudgetWebhookHandler.MaxBodyBytes);

        builder.Services.AddFrugalHost(builder.Configuration);
        builder.Services.AddScheduledStepRunner();
        builder.Services.AddGpuJobResultsStep();
        builder.Services.AddFrugalWebhooks(builder.Configuration);
        builder.Services.AddFrugalModelRegistries();
        builder.Services.AddFrugalStateStores();
        builder.Services.AddOptions<ServeAccessOptions>()
            .Bind(builder.Configuration.GetSection(ServeAccessOptions.Section))
            .Configure(o => o.Urls = request.Urls ?? DefaultUrl)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServeAccessOptions>, ServeAccessOptionsValidator>();
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapFrugalEndpoints();
        return app;
    }

    private static Dictionary<string, string?> Settings(FrugalServerRequest request)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{FrugalHostOptions.Section}:{nameof(FrugalHostOptions.PolicyPath)}"] =
                Path.GetFullPath(request.PolicyPath),
        };
        if (request.StatePath is { } state)
        {
            settings[$"{FrugalHostOptions.Section}:{nameof(FrugalHostOptions.StatePath)}"] = Path.GetFullPath(state);
        }

        if (request.PollBillingSchedule is { } schedule)
        {
            settings[$"{StepScheduleOptions.Section}:PollBilling"] = schedule;
        }

        foreach (var (key, value) in request.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>
/// What <c>frugal serve</c> was asked for; null values fall back to settings and defaults. <see cref="Settings"/>
/// adds configuration entries (<c>Frugal:Webhooks:Azure:Secret</c>, ...) over the environment's.
/// </summary>
public sealed record FrugalServerRequest(
    string PolicyPath,
    string? Urls = null,
    string? StatePath = null,
    string? PollBillingSchedule = null,
    IReadOnlyDictionary<string, string?>? Settings = null);
