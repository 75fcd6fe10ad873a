using Frugal.Azure;
using Frugal.Engine.Execution;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Hosting.Billing;
using Frugal.Hosting.GpuJobs;
using Frugal.Hosting.Insights;
using Frugal.Hosting.ModelArchive;
using Frugal.Hosting.State;
using Frugal.Hosting.Retraining;
using Frugal.Hosting.Steps;
using Frugal.Hosting.Training;
using Frugal.Notifications.Email;
using Frugal.Notifications.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting;

/// <summary>Wires Frugal's engine and its embedded adapters into a host's service container.</summary>
public static class ServiceCollectionExtensions
{
    // One client for the process, not one from IHttpClientFactory: the factory's default logging writes request
    // URLs, and a Slack webhook URL is a credential. Timeouts are per request (SlackOptions.Timeout).
    private static readonly Lazy<HttpClient> SlackHttp = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    /// <summary>
    /// Registers the engine, the embedded action handlers, the notification senders (log, Slack, email) and the
    /// main job. Secrets resolve from environment variables unless the host registered another resolver first.
    /// </summary>
    public static IServiceCollection AddFrugalEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretResolver>(EnvironmentSecretResolver.Instance);
        services.TryAddSingleton(new SlackOptions());
        services.TryAddSingleton(new SmtpOptions());
        services.AddSingleton<INotificationChannel, LogChannel>();
        services.AddSingleton<INotificationChannel>(provider => new SlackWebhookChannel(
            SlackHttp.Value,
            provider.GetRequiredService<ISecretResolver>(),
            provider.GetRequiredService<SlackOptions>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<INotificationChannel, SmtpEmailChannel>();
        foreach (var kind in new[] { ActionKind.HoldTraining, ActionKind.DetachBilling })
        {
            services.AddSingleton<IActionHandler>(new RecordingActionSink(kind));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFocusFileProvider, AzureBlobFocusFiles>());
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateSource, SqliteStateSource>());
        services.TryAddSingleton<StateChoice>();
        services.AddSingleton<BudgetJob>();
        services.AddSingleton<InsightJob>();
        services.AddSingleton<IRecommendationSource>(provider => provider.GetRequiredService<InsightJob>());
        services.AddFrugalAutoscaling();
        services.AddFrugalModelArchive();
        services.AddFrugalTraining();
        services.AddFrugalRetraining();
        return services;
    }

    /// <summary>
    /// Registers the engine for a long-running host, with <see cref="FrugalHostOptions"/> bound from configuration
    /// and validated when the host starts: a wrong setting stops start-up with every error named.
    /// </summary>
    public static IServiceCollection AddFrugalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FrugalHostOptions>()
            .Bind(configuration.GetSection(FrugalHostOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FrugalHostOptions>, FrugalHostOptionsValidator>();
        services.TryAddSingleton<ISecretResolver>(new ConfigurationSecretResolver(configuration));
        services.AddFrugalSteps(configuration);
        services.AddFrugalGpuJobs(configuration);
        return services.AddFrugalEngine().AddFrugalGoogleActions(configuration);
    }
}
