using Frugal.GpuWorker.Caching;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Jobs;
using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Quantization;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Telemetry;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Frugal.GpuWorker;

/// <summary>Builds the worker: options, the inference services, the protocol endpoints and /metrics.</summary>
internal static class WorkerApplication
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--model-repository"] = WorkerOptions.Section + ":ModelRepository",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = FilterSwitches(args) });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        configure?.Invoke(builder);
        AddServices(builder);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var provider = context.RequestServices.GetRequiredService<ExecutionProviderChoice>();
            context.Response.Headers["X-Frugal-Provider"] = provider.Name;
            await next(context).ConfigureAwait(false);
        });
        app.MapOpenInferenceProtocol();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<WorkerMetrics>().Registry);

        // Decide the provider and check the options before the first request, not on it.
        _ = app.Services.GetRequiredService<ExecutionProviderChoice>();
        _ = app.Services.GetRequiredService<IModelRepository>();
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WorkerOptions>().Bind(builder.Configuration.GetSection(WorkerOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ExecutionProviderChoice>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton(
            sp => ModelRepositoryFactory.Create(sp.GetRequiredService<IOptions<WorkerOptions>>().Value));
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelSessionCache>();
        services.AddSingleton<ResultCache>();
        services.AddSingleton<InferenceService>();
        services.AddSingleton<QuantizationService>();
        services.AddSingleton<JobStorage>();
        services.AddSingleton<JobRunner>();
        AddJobs(builder);

        var maxBody = builder.Configuration.GetValue<long?>(WorkerOptions.Section + ":MaxRequestBytes")
            ?? new WorkerOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
    }

    private static void AddJobs(WebApplicationBuilder builder)
    {
        var jobs = new JobOptions();
        builder.Configuration.GetSection(WorkerOptions.Section + ":Jobs").Bind(jobs);
        if (!jobs.Enabled)
        {
            return;
        }

        // The host must wait longer than a job's grace period, or SIGTERM would cut the job off mid-write.
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(jobs.StopGraceSeconds + 15));
        builder.Services.AddSingleton<QueueJobWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueJobWorker>());
    }

    /// <summary>Drops the worker's own switches, which the default command-line source would misread.</summary>
    private static string[] FilterSwitches(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (SwitchMappings.ContainsKey(args[i]))
            {
                i++;
                continue;
            }

            if (!SwitchMappings.Keys.Any(s => args[i].StartsWith(s + "=", StringComparison.Ordinal)))
            {
                kept.Add(args[i]);
            }
        }

        return kept.ToArray();
    }
}
