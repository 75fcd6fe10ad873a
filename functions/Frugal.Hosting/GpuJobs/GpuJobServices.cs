using Azure.Core;
using Frugal.Azure;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// Wires GPU job dispatch: its settings, the worker pool's queue, the release step, and the usage per model version
/// (<see cref="IInferenceUsage"/>) read from the host's state.
/// </summary>
public static class GpuJobServices
{
    public static IServiceCollection AddFrugalGpuJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GpuJobOptions>()
            .Bind(configuration.GetSection(GpuJobOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<GpuJobOptions>, GpuJobOptionsValidator>());
        services.TryAddSingleton<IGpuJobQueue>(sp => Queue(sp.GetRequiredService<IOptions<GpuJobOptions>>().Value, sp));
        services.TryAddSingleton<IGpuResultInbox>(sp =>
            Inbox(sp.GetRequiredService<IOptions<GpuJobOptions>>().Value, sp));
        services.TryAddSingleton<GpuJobDispatch>();
        services.TryAddSingleton<IInferenceUsage, HostInferenceUsage>();
        services.AddScheduledStep<ReleaseHeldGpuJobsStep>();
        return services;
    }

    /// <summary>
    /// Adds the step that drains the results queue, for hosts without a queue trigger (<c>frugal serve</c>); the
    /// Functions app records results with its <c>RecordGpuJobResult</c> trigger instead.
    /// </summary>
    public static IServiceCollection AddGpuJobResultsStep(this IServiceCollection services) =>
        services.AddScheduledStep<RecordGpuJobResultsStep>();

    private static IGpuResultInbox Inbox(GpuJobOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureGpuResultInbox(options.ConnectionString, options.ResultQueueName);
        }

        return options.QueueServiceUri is { } uri
            ? new AzureGpuResultInbox(uri, Credential(services), options.ResultQueueName)
            : new UnconfiguredGpuResultInbox();
    }

    private static IGpuJobQueue Queue(GpuJobOptions options, IServiceProvider services)
    {
        var timeout = TimeSpan.FromSeconds(options.SendTimeoutSeconds);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureGpuJobQueue(options.ConnectionString, options.QueueName, timeout);
        }

        return options.QueueServiceUri is { } uri
            ? new AzureGpuJobQueue(uri, Credential(services), options.QueueName, timeout)
            : new UnconfiguredGpuJobQueue();
    }

    // The host offers the credential (Frugal.Server registers the Azure SDK's default chain), which keeps the SDK's
    // identity packages out of composition.
    private static TokenCredential Credential(IServiceProvider services) =>
        services.GetService<TokenCredential>() ?? throw new InvalidOperationException(
            $"{GpuJobOptions.Section}:QueueServiceUri needs an Azure identity, which this host does not offer; " +
            $"set {GpuJobOptions.Section}:ConnectionString instead");
}
